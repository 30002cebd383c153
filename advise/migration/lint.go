// Package migration is pgdeck's migration safety linter. It reads each
// statement of a migration with PostgreSQL's own parser (pg_query), works
// out the table locks it takes and what they block, and reports the
// statements that are dangerous on a live database, each with the safe way
// to do the same thing.
//
// The package is pure: it takes file contents, not paths, and never
// connects. Live facts (column types, table sizes) come in through
// Options.Facts when the caller has a connection.
package migration

import (
	"fmt"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"
	"time"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

// Finding is one problem in one statement of a migration file. It embeds
// finding.Finding so rule, severity, message and fix are named as in every
// other pgdeck report.
type Finding struct {
	File      string `json:"file"`
	Statement string `json:"statement"`
	// Line is the 1-based line of the statement's first token in the file.
	Line int `json:"line"`
	finding.Finding
	// Lock is the strongest table lock the statement takes.
	Lock Lock `json:"lock"`
	// TableBytes and TableRows are the live size and estimated row count
	// of the table the statement works on, and EstimatedLockSeconds how
	// long it holds its lock while scanning or rewriting that table (an
	// order of magnitude, see ScanMBps). All are nil offline.
	TableBytes           *int64   `json:"table_bytes"`
	TableRows            *int64   `json:"table_rows"`
	EstimatedLockSeconds *float64 `json:"estimated_lock_seconds"`
	// Impact is the live-facts sentence also appended to Message ("on
	// public.tasks (61 MB, ~150k rows) this holds ACCESS EXCLUSIVE for
	// ~4 s"), for views that show it apart; "" offline.
	Impact string `json:"-"`
}

// String renders the finding on one line for the text twin.
func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Finding.String())
	if f.Lock != NoLock {
		s += " [" + f.Lock.String() + "]"
	}
	return s
}

// Facts answers questions only a live database can. Offline linting passes
// nil and the linter assumes what is safest to assume.
type Facts interface {
	// ColumnType returns the current type of a column as format_type
	// prints it ("character varying(40)"), and false when unknown.
	ColumnType(table Ref, column string) (string, bool)
	// Table returns the size figures of a table as the migration names
	// it, and false when they were not read.
	Table(table Ref) (TableFacts, bool)
}

// Options tune a lint run. The zero value lints offline.
type Options struct {
	Facts Facts
	// Throughput overrides the rates that turn a table's size into a lock
	// time; Window the time above which a maintenance window is
	// recommended (DefaultWindow when zero).
	Throughput Throughput
	Window     time.Duration
}

// ParseError is SQL the parser rejects, located in its file.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Lint lints every source in order and returns all findings, in file and
// statement order. It stops at the first file that does not parse.
func Lint(srcs []Source, opts Options) ([]Finding, error) {
	var out []Finding
	for _, s := range srcs {
		fs, err := LintSource(s, opts)
		if err != nil {
			return out, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// LintSource lints one migration file's up part.
func LintSource(src Source, opts Options) ([]Finding, error) {
	if i := strings.IndexByte(src.SQL, 0); i >= 0 {
		// The parser takes a C string: a NUL would silently end the file.
		return nil, &ParseError{File: src.Name, Line: newLineIndex(src.SQL).line(i), Msg: "file contains a NUL byte"}
	}
	stmts, err := split(src)
	if err != nil {
		return nil, err
	}
	l := newLinter(src, opts, len(stmts))
	for i := range stmts {
		l.statement(&stmts[i])
	}
	return l.out, nil
}

// statement is one parsed statement with where it sits in the file.
type statement struct {
	node   *pg.Node
	text   string
	line   int
	ignore map[string]bool
}

// split parses the source and locates each statement: its first line, its
// text, and the pgdeck:ignore comments that apply to it. Comments are not
// in the parse tree, so they come from the scanner and are matched to
// statements by byte offset.
func split(src Source) ([]statement, error) {
	sql := src.SQL
	tree, err := pgq.Parse(sql)
	if err != nil {
		return nil, parseError(src, err)
	}
	scan, err := pgq.Scan(sql)
	if err != nil {
		return nil, parseError(src, err)
	}
	lines := newLineIndex(sql)
	toks := scan.Tokens
	out := make([]statement, 0, len(tree.Stmts))
	ti := 0
	for _, rs := range tree.Stmts {
		start := int(rs.StmtLocation)
		end := start + int(rs.StmtLen)
		if rs.StmtLen == 0 || end > len(sql) {
			end = len(sql)
		}
		st := statement{node: rs.Stmt}
		first := -1
		for ; ti < len(toks) && int(toks[ti].Start) < end; ti++ {
			tk := toks[ti]
			if int(tk.Start) < start {
				continue
			}
			if isComment(tk) {
				st.addIgnores(sql[tk.Start:tk.End])
				continue
			}
			if first < 0 {
				first = int(tk.Start)
			}
		}
		if first < 0 {
			first = start
		}
		st.text = strings.TrimSpace(sql[first:end])
		st.line = lines.line(first)
		if ti < len(toks) && int(toks[ti].Start) == end && toks[ti].Token == pg.Token_ASCII_59 {
			ti++
		}
		// A comment after the semicolon on the statement's last line
		// (`DROP TABLE t; -- pgdeck:ignore drop-table`) belongs to it.
		for ; ti < len(toks) && isComment(toks[ti]) && lines.line(int(toks[ti].Start)) == lines.line(end); ti++ {
			st.addIgnores(sql[toks[ti].Start:toks[ti].End])
		}
		out = append(out, st)
	}
	return out, nil
}

func isComment(tk *pg.ScanToken) bool {
	return tk.Token == pg.Token_SQL_COMMENT || tk.Token == pg.Token_C_COMMENT
}

// ignoreMarker starts an exemption comment: pgdeck:ignore rule[, rule…].
const ignoreMarker = "pgdeck:ignore"

// addIgnores records the rule ids an exemption comment names. Words that
// are not registered rule ids (a reason, say) are skipped.
func (st *statement) addIgnores(comment string) {
	i := strings.Index(comment, ignoreMarker)
	if i < 0 {
		return
	}
	rest := strings.TrimSuffix(comment[i+len(ignoreMarker):], "*/")
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if _, ok := finding.Lookup(w); ok {
			if st.ignore == nil {
				st.ignore = map[string]bool{}
			}
			st.ignore[w] = true
		}
	}
}

// parseError turns a pg_query error into a ParseError with a line number.
func parseError(src Source, err error) error {
	pe := &ParseError{File: src.Name, Line: 1, Msg: err.Error()}
	if msg, cursor, ok := pgq.SyntaxError(err); ok {
		pe.Msg = msg
		if cursor > 0 {
			pe.Line = newLineIndex(src.SQL).line(cursor - 1)
		}
	}
	return pe
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(s string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (li lineIndex) line(off int) int {
	lo, hi := 0, len(li)
	for lo < hi {
		mid := (lo + hi) / 2
		if li[mid] <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
