package migration

import pg "github.com/pganalyze/pg_query_go/v6"

// ControlsTransaction reports whether a transaction statement begins or
// ends a transaction (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK,
// ABORT, PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED). Savepoints are
// not: they nest inside the runner's transaction.
func ControlsTransaction(t *pg.TransactionStmt) bool {
	switch t.GetKind() {
	case pg.TransactionStmtKind_TRANS_STMT_BEGIN, pg.TransactionStmtKind_TRANS_STMT_START,
		pg.TransactionStmtKind_TRANS_STMT_COMMIT, pg.TransactionStmtKind_TRANS_STMT_ROLLBACK,
		pg.TransactionStmtKind_TRANS_STMT_PREPARE, pg.TransactionStmtKind_TRANS_STMT_COMMIT_PREPARED,
		pg.TransactionStmtKind_TRANS_STMT_ROLLBACK_PREPARED:
		return true
	}
	return false
}

// explicitTransaction reports a BEGIN or COMMIT of the file's own in a
// file its tool already runs in a transaction: the COMMIT ends the tool's
// transaction early, the statements after it run on their own, and a
// failure there leaves the migration half-applied and wrongly recorded.
func (l *linter) explicitTransaction() {
	wrap, own := "pgdeck's runner and golang-migrate already run each file as one transaction", "leave the file without them: the runner's transaction already makes it all-or-nothing (a file with CREATE INDEX CONCURRENTLY and the like is run outside a transaction by itself)"
	switch l.src.Tool {
	case Goose:
		wrap, own = "goose already wraps each file in a transaction", "remove BEGIN and COMMIT, or mark the file -- +goose NO TRANSACTION to control its transactions yourself"
	case Dbmate:
		wrap, own = "dbmate already wraps each file in a transaction", "remove BEGIN and COMMIT, or mark the file -- migrate:up transaction:false to control its transactions yourself"
	case Flyway:
		wrap, own = "Flyway already runs each migration in a transaction", "remove BEGIN and COMMIT"
	}
	l.add("explicit-transaction", "",
		"the file controls its own transaction, but "+wrap+": its COMMIT ends that transaction early, the statements after it run on their own, and a failure leaves the migration half-applied and wrongly recorded",
		own)
}
