package migrate

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/pgq"
)

// needsNoTx reports whether sql holds a statement PostgreSQL refuses to
// run inside a transaction block (CREATE/DROP INDEX CONCURRENTLY, REINDEX
// CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM …). Such a file is
// run by pgdeck statement by statement, outside a transaction.
func needsNoTx(sql string) (bool, error) {
	tree, err := pgq.Parse(sql)
	if err != nil {
		return false, fmt.Errorf("parse: %w", err)
	}
	for _, raw := range tree.GetStmts() {
		if noTxStatement(raw.GetStmt()) {
			return true, nil
		}
	}
	return false, nil
}

func noTxStatement(n *pg.Node) bool {
	switch {
	case n.GetIndexStmt() != nil:
		return n.GetIndexStmt().GetConcurrent()
	case n.GetDropStmt() != nil:
		return n.GetDropStmt().GetConcurrent()
	case n.GetReindexStmt() != nil:
		for _, p := range n.GetReindexStmt().GetParams() {
			if p.GetDefElem().GetDefname() == "concurrently" {
				return true
			}
		}
	case n.GetVacuumStmt() != nil && n.GetVacuumStmt().GetIsVacuumcmd(),
		n.GetCreatedbStmt() != nil, n.GetDropdbStmt() != nil,
		n.GetAlterSystemStmt() != nil, n.GetCreateTableSpaceStmt() != nil,
		n.GetDropTableSpaceStmt() != nil:
		return true
	case n.GetCreateSubscriptionStmt() != nil:
		return true
	}
	return false
}

// TxControlError refuses a migration whose file begins or ends a
// transaction of its own: the runner runs each file in its own
// transaction (or statement by statement when it must run outside one),
// and the file's COMMIT would end that early, leaving the migration
// half-applied and wrongly recorded.
type TxControlError struct {
	Version string
	Path    string
	Line    int
	// Statement is the offending statement's first keyword (BEGIN, COMMIT…).
	Statement string
}

func (e *TxControlError) Error() string {
	return fmt.Sprintf("migration %s (%s line %d) runs %s: pgdeck runs each migration in its own transaction (and a file with CREATE INDEX CONCURRENTLY or the like outside one, by itself), so a BEGIN or COMMIT of the file's own would end that early and leave the migration half-applied; remove the file's BEGIN/COMMIT — nothing was applied",
		e.Version, e.Path, e.Line, e.Statement)
}

// txControl finds the first statement of sql that begins or ends a
// transaction; ok is false when there is none.
func txControl(sql string) (keyword string, line int, ok bool, err error) {
	tree, err := pgq.Parse(sql)
	if err != nil {
		return "", 0, false, fmt.Errorf("parse: %w", err)
	}
	for _, raw := range tree.GetStmts() {
		t := raw.GetStmt().GetTransactionStmt()
		if t == nil || !migration.ControlsTransaction(t) {
			continue
		}
		start := skipSpaceAndComments(sql, int(raw.GetStmtLocation()))
		end := start
		for end < len(sql) && (sql[end] >= 'a' && sql[end] <= 'z' || sql[end] >= 'A' && sql[end] <= 'Z') {
			end++
		}
		return strings.ToUpper(sql[start:end]), 1 + strings.Count(sql[:start], "\n"), true, nil
	}
	return "", 0, false, nil
}

// skipSpaceAndComments returns the offset of the first token at or after
// off: a statement's location includes the space and comments before it.
func skipSpaceAndComments(s string, off int) int {
	for off < len(s) {
		switch {
		case s[off] == ' ' || s[off] == '\t' || s[off] == '\n' || s[off] == '\r' || s[off] == '\f':
			off++
		case strings.HasPrefix(s[off:], "--"):
			i := strings.IndexByte(s[off:], '\n')
			if i < 0 {
				return len(s)
			}
			off += i + 1
		case strings.HasPrefix(s[off:], "/*"):
			i := strings.Index(s[off+2:], "*/")
			if i < 0 {
				return len(s)
			}
			off += i + 4
		default:
			return off
		}
	}
	return off
}

// checkTxControl refuses files with transaction control before anything
// runs. down checks the down parts.
func checkTxControl(files []File, down bool) error {
	for _, f := range files {
		body, path := f.Up, f.UpPath
		if down {
			body, path = f.Down, f.DownPath
		}
		kw, line, ok, err := txControl(body)
		if err != nil {
			return fmt.Errorf("migration %s: %w", f.Version, err)
		}
		if ok {
			return &TxControlError{Version: f.Version, Path: path, Line: line, Statement: kw}
		}
	}
	return nil
}

// NonAtomicError refuses a file the runner cannot apply all or nothing: a
// statement that cannot run in a transaction (CREATE INDEX CONCURRENTLY …)
// with others beside it, so the file runs statement by statement and a
// failure part way leaves the earlier statements applied.
type NonAtomicError struct {
	Version, Path string
	// Statements is how many statements the file holds.
	Statements int
}

func (e *NonAtomicError) Error() string {
	return fmt.Sprintf("migration %s (%s) mixes a statement that cannot run in a transaction with %d other(s): it would run outside a transaction and, failing part way, leave the earlier statements applied and the version dirty; put the CONCURRENTLY statement in a file of its own, or run with --allow-non-atomic — nothing was applied",
		e.Version, e.Path, e.Statements-1)
}

// checkAtomic refuses, before anything runs, the up files that must run
// outside a transaction and hold more than one statement.
func checkAtomic(files []File) error {
	for _, f := range files {
		if !f.NoTx {
			continue
		}
		stmts, err := db.SplitScript(f.Up)
		if err != nil {
			return fmt.Errorf("migration %s: split: %w", f.Version, err)
		}
		if len(stmts) > 1 {
			return &NonAtomicError{Version: f.Version, Path: f.UpPath, Statements: len(stmts)}
		}
	}
	return nil
}
