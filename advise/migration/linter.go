package migration

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

// linter carries what earlier statements of a file tell about later ones.
type linter struct {
	src   Source
	opts  Options
	count int // statements in the file
	out   []Finding

	created     map[string]bool // tables created earlier in this file
	lockTimeout bool            // SET lock_timeout seen
	timeoutSaid bool            // missing-lock-timeout already reported
	explicitTx  bool            // inside an explicit BEGIN … COMMIT
	txSaid      bool            // explicit-transaction already reported
	// enumAdded maps labels added by ALTER TYPE … ADD VALUE in the current
	// transaction to their type.
	enumAdded map[string]string
	// notNullChecks maps table|constraint to the column of a
	// CHECK (col IS NOT NULL) constraint; validNotNull holds table|column
	// pairs proven by a validated one, which makes SET NOT NULL skip its
	// scan (PostgreSQL 12 and later).
	notNullChecks map[string]string
	validNotNull  map[string]bool

	cur   *statement
	locks []RelLock
	works []work // whole-table work of the current statement
}

func newLinter(src Source, opts Options, count int) *linter {
	return &linter{src: src, opts: opts, count: count,
		created: map[string]bool{}, enumAdded: map[string]string{},
		notNullChecks: map[string]string{}, validNotNull: map[string]bool{}}
}

// inTx reports whether the current statement runs inside a transaction.
func (l *linter) inTx() bool {
	return l.explicitTx || l.src.Mode == TxWrapped || (l.src.Mode == TxUnlessAlone && l.count > 1)
}

// existing reports whether a table was there before this file ran, so
// locking it or rewriting it affects running traffic.
func (l *linter) existing(r Ref) bool { return r.Name != "" && !l.created[r.Name] }

// add reports a finding on the current statement unless a pgdeck:ignore
// comment exempts it.
func (l *linter) add(id string, object, message, fix string, steps ...string) {
	if l.cur.ignore[id] {
		return
	}
	f := finding.New(id, object, message, fix)
	f.Steps = steps
	l.out = append(l.out, Finding{File: l.src.Name, Statement: l.cur.text, Line: l.cur.line,
		Finding: f, Lock: strongest(l.locks)})
}

// statement lints one statement and updates the file state.
func (l *linter) statement(st *statement) {
	l.cur = st
	l.locks = locksOf(st.node)
	l.works = l.works[:0]
	from := len(l.out)
	defer l.liveFacts(from)
	l.enumUse(st.node)
	switch s := st.node.Node.(type) {
	case *pg.Node_CreateStmt:
		l.createTable(s.CreateStmt)
	case *pg.Node_AlterTableStmt:
		l.alterTable(s.AlterTableStmt)
	case *pg.Node_IndexStmt:
		l.createIndex(s.IndexStmt)
	case *pg.Node_DropStmt:
		l.drop(s.DropStmt)
	case *pg.Node_RenameStmt:
		l.rename(s.RenameStmt)
	case *pg.Node_DeleteStmt:
		l.deleteStmt(s.DeleteStmt)
	case *pg.Node_UpdateStmt:
		l.updateStmt(s.UpdateStmt)
	case *pg.Node_TruncateStmt:
		l.truncate(s.TruncateStmt)
	case *pg.Node_VacuumStmt:
		l.vacuum(s.VacuumStmt)
	case *pg.Node_ClusterStmt:
		l.cluster(s.ClusterStmt)
	case *pg.Node_ReindexStmt:
		if reindexConcurrent(s.ReindexStmt) {
			l.concurrently("REINDEX CONCURRENTLY")
		}
	case *pg.Node_VariableSetStmt:
		l.set(s.VariableSetStmt)
	case *pg.Node_TransactionStmt:
		l.transaction(s.TransactionStmt)
	case *pg.Node_AlterEnumStmt:
		if s.AlterEnumStmt.NewVal != "" && s.AlterEnumStmt.OldVal == "" && l.inTx() {
			l.enumAdded[s.AlterEnumStmt.NewVal] = nameOf(s.AlterEnumStmt.TypeName)
		}
	case *pg.Node_DoStmt:
		l.add("not-analysed", "", "a DO block runs procedural code the linter cannot see into: its locks and rewrites are unknown",
			"move the statements out of the DO block, or review it by hand and exempt it with -- pgdeck:ignore not-analysed")
	case *pg.Node_ExecuteStmt:
		l.add("not-analysed", "", "EXECUTE runs a prepared statement defined elsewhere: the linter cannot see what it does",
			"write the statement out in the migration")
	case *pg.Node_CallStmt:
		l.add("not-analysed", "", "CALL runs a procedure whose body (often dynamic SQL) the linter cannot see into",
			"write the statements out in the migration, or review the procedure and exempt it with -- pgdeck:ignore not-analysed")
	}
	l.lockTimeoutCheck()
}

// lockTimeoutCheck reports, once per file, the first statement that queues
// for a lock stronger than SHARE UPDATE EXCLUSIVE on an existing table with
// no lock_timeout set: while it waits behind a long transaction, every
// query on the table queues behind it.
func (l *linter) lockTimeoutCheck() {
	if l.lockTimeout || l.timeoutSaid {
		return
	}
	for _, rl := range l.locks {
		if rl.Mode > ShareUpdateExclusive && l.existing(rl.Rel) {
			l.timeoutSaid = true
			l.add("missing-lock-timeout", rl.Rel.String(),
				"takes "+rl.Mode.String()+" on "+rl.Rel.String()+" with no lock_timeout: if it has to wait behind a long transaction, every query on the table queues behind it (it blocks "+rl.Mode.Blocks()+")",
				"SET lock_timeout = '5s';")
			return
		}
	}
}

func (l *linter) set(s *pg.VariableSetStmt) {
	if !strings.EqualFold(s.Name, "lock_timeout") {
		return
	}
	l.lockTimeout = false
	if s.Kind == pg.VariableSetKind_VAR_SET_VALUE && len(s.Args) > 0 {
		l.lockTimeout = nonZero(constText(s.Args[0]))
	}
}

func (l *linter) transaction(t *pg.TransactionStmt) {
	if l.src.Mode != TxNone && !l.txSaid && ControlsTransaction(t) {
		l.txSaid = true
		l.explicitTransaction()
	}
	switch t.Kind {
	case pg.TransactionStmtKind_TRANS_STMT_BEGIN, pg.TransactionStmtKind_TRANS_STMT_START:
		l.explicitTx = true
	case pg.TransactionStmtKind_TRANS_STMT_COMMIT, pg.TransactionStmtKind_TRANS_STMT_ROLLBACK,
		pg.TransactionStmtKind_TRANS_STMT_PREPARE:
		l.explicitTx = false
		clear(l.enumAdded)
	}
}

// enumUse reports a statement that uses an enum label added earlier in the
// same transaction: PostgreSQL refuses ("unsafe use of new value") until
// the transaction that added it commits.
func (l *linter) enumUse(n *pg.Node) {
	if len(l.enumAdded) == 0 {
		return
	}
	if _, ok := n.Node.(*pg.Node_AlterEnumStmt); ok {
		return
	}
	for _, s := range stringConsts(n) {
		if typ, ok := l.enumAdded[s]; ok {
			l.add("enum-value-used-in-same-transaction", typ,
				"uses "+finding.QuoteLiteral(s)+", added to "+typ+" in the same transaction: PostgreSQL rejects a new enum value until the transaction that added it commits",
				"put ALTER TYPE … ADD VALUE in its own migration (or commit before using the value)")
			return
		}
	}
}

// concurrently reports a non-transactional statement run in a transaction.
func (l *linter) concurrently(what string) {
	if !l.inTx() {
		return
	}
	why := "the file runs inside a transaction"
	switch {
	case l.explicitTx:
		why = "it follows an explicit BEGIN"
	case l.src.Tool == Goose:
		why = "goose wraps each file in a transaction unless it has -- +goose NO TRANSACTION"
	case l.src.Tool == Dbmate:
		why = "dbmate wraps each file in a transaction unless its up marker says -- migrate:up transaction:false"
	case l.src.Tool == GolangMigrate:
		why = "golang-migrate sends the file as one multi-statement query, which PostgreSQL runs as one transaction"
	case l.src.Tool == Flyway:
		why = "Flyway runs a non-transactional statement outside a transaction only when it is alone in its file"
	}
	l.add("concurrently-in-transaction", "", what+" cannot run inside a transaction block and will fail: "+why,
		"put the statement alone in its own migration that runs outside a transaction")
}

// nonZero reports whether a setting value such as "5s", "500" or "0" has a
// non-zero number in front (0 disables lock_timeout).
func nonZero(v string) bool {
	for _, r := range strings.TrimSpace(v) {
		switch {
		case r >= '1' && r <= '9':
			return true
		case r != '0' && r != '.':
			return false
		}
	}
	return false
}
