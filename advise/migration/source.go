package migration

import (
	"path"
	"strings"
)

// Tool is the migration tool whose file format a source is in.
type Tool string

// The file formats the linter reads.
const (
	Plain         Tool = "sql" // a bare SQL file, run statement by statement
	GolangMigrate Tool = "golang-migrate"
	Goose         Tool = "goose"
	Dbmate        Tool = "dbmate"
	Flyway        Tool = "flyway"
)

// TxMode says how the tool runs a file's statements, which decides whether
// CONCURRENTLY can work and how long locks are held.
type TxMode int

// How a file's statements run.
const (
	// TxNone: each statement on its own, as psql does (goose with
	// NO TRANSACTION, dbmate with transaction:false).
	TxNone TxMode = iota
	// TxWrapped: the tool wraps the whole file in one transaction (goose,
	// dbmate by default).
	TxWrapped
	// TxUnlessAlone: the whole file is one transaction unless its only
	// statement cannot run in one. golang-migrate sends the file as one
	// multi-statement query, which PostgreSQL runs as one implicit
	// transaction; Flyway runs a non-transactional statement outside a
	// transaction only when it is alone in its file.
	TxUnlessAlone
)

// Source is the up part of one migration file, ready to lint.
type Source struct {
	// Name is the file as findings name it.
	Name string
	// SQL is the up part. It keeps its offsets in the file (the down part
	// is cut off the end, nothing is cut from the front) so that line
	// numbers match the file.
	SQL  string
	Tool Tool
	Mode TxMode
}

// ReadSource recognises a migration file by its name and markers and
// returns its up part. ok is false for files that hold no up migration
// (golang-migrate .down.sql, Flyway undo files, non-SQL files).
func ReadSource(name string, content string) (src Source, ok bool) {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	lower := strings.ToLower(base)
	if !strings.HasSuffix(lower, ".sql") || strings.HasSuffix(lower, ".down.sql") || flywayName(base, 'U') {
		return Source{}, false
	}
	src = Source{Name: name, SQL: content, Tool: Plain, Mode: TxNone}
	if _, down, noTx, found := markers(content, "-- +goose up", "-- +goose down", "-- +goose no transaction"); found {
		src.Tool, src.SQL, src.Mode = Goose, content[:down], TxWrapped
		if noTx {
			src.Mode = TxNone
		}
		return src, true
	}
	if up, down, _, found := markers(content, "-- migrate:up", "-- migrate:down", ""); found {
		src.Tool, src.SQL, src.Mode = Dbmate, content[:down], TxWrapped
		if strings.Contains(strings.ToLower(lineAt(content, up)), "transaction:false") {
			src.Mode = TxNone
		}
		return src, true
	}
	switch {
	case strings.HasSuffix(lower, ".up.sql") && startsWithDigit(base):
		src.Tool, src.Mode = GolangMigrate, TxUnlessAlone
	case flywayName(base, 'V') || flywayName(base, 'R'):
		src.Tool, src.Mode = Flyway, TxUnlessAlone
	}
	return src, true
}

// markers finds a tool's annotation comments, which sit alone on their
// lines (the tools themselves read them line by line): the offset of the
// up marker, the offset where the down part starts (len(content) when
// there is none), whether the no-transaction marker appears in the up
// part, and whether the up marker was found at all.
func markers(content, upMark, downMark, noTxMark string) (up, down int, noTx, found bool) {
	up, down = -1, len(content)
	off := 0
	for off <= len(content) {
		end := strings.IndexByte(content[off:], '\n')
		if end < 0 {
			end = len(content) - off
		}
		line := strings.ToLower(strings.TrimSpace(content[off : off+end]))
		switch {
		case up < 0 && strings.HasPrefix(line, upMark):
			up = off
		case up >= 0 && strings.HasPrefix(line, downMark):
			return up, off, noTx, true
		case noTxMark != "" && strings.HasPrefix(line, noTxMark):
			noTx = true
		}
		off += end + 1
	}
	return up, down, noTx, up >= 0
}

func lineAt(s string, off int) string {
	if off < 0 || off >= len(s) {
		return ""
	}
	if end := strings.IndexByte(s[off:], '\n'); end >= 0 {
		return s[off : off+end]
	}
	return s[off:]
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// flywayName reports whether base is a Flyway file of the given prefix:
// V1__name.sql, V1_2__name.sql, V1.2__name.sql, U1__name.sql, R__name.sql.
func flywayName(base string, prefix byte) bool {
	if len(base) < 4 || base[0] != prefix {
		return false
	}
	i := strings.Index(base, "__")
	if i < 1 {
		return false
	}
	ver := base[1:i]
	if prefix == 'R' {
		return ver == ""
	}
	if ver == "" || !startsWithDigit(ver) {
		return false
	}
	for _, r := range ver {
		if (r < '0' || r > '9') && r != '.' && r != '_' {
			return false
		}
	}
	return true
}
