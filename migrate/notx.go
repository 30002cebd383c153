package migrate

import (
	"fmt"

	pg "github.com/pganalyze/pg_query_go/v6"

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
