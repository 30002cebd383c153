package db

import (
	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/pgdeck/pgdeck/internal/pgq"
)

// stmtKind is what the runner needs to know about a statement before it
// runs it.
type stmtKind struct {
	// cursor: a plain query that DECLARE … CURSOR accepts, so its rows can
	// be fetched in batches.
	cursor bool
	// writes: the statement may change data or schema.
	writes bool
	// noTx: the statement refuses to run inside a transaction block
	// (VACUUM, CREATE INDEX CONCURRENTLY, CREATE DATABASE …).
	noTx bool
	// txControl: BEGIN, COMMIT, ROLLBACK, SAVEPOINT …
	txControl bool
	// danger names what deserves a warning before commit: UPDATE or
	// DELETE without WHERE, DROP, TRUNCATE.
	danger string
}

// classify parses sql with PostgreSQL's parser. A statement that does not
// parse is sent as it is, so the server words the syntax error.
func classify(sql string) stmtKind {
	tree, err := pgq.Parse(sql)
	if err != nil || len(tree.Stmts) != 1 {
		return stmtKind{}
	}
	return classifyNode(tree.Stmts[0].Stmt)
}

func classifyNode(n *pg_query.Node) stmtKind {
	switch s := n.Node.(type) {
	case *pg_query.Node_SelectStmt:
		if s.SelectStmt.IntoClause != nil {
			return stmtKind{writes: true}
		}
		w := selectWrites(s.SelectStmt)
		return stmtKind{cursor: !w, writes: w}
	case *pg_query.Node_ExplainStmt:
		inner := classifyNode(s.ExplainStmt.Query)
		return stmtKind{writes: inner.writes && explainAnalyze(s.ExplainStmt)}
	case *pg_query.Node_VariableSetStmt, *pg_query.Node_VariableShowStmt,
		*pg_query.Node_DeclareCursorStmt, *pg_query.Node_FetchStmt,
		*pg_query.Node_ClosePortalStmt, *pg_query.Node_PrepareStmt,
		*pg_query.Node_DeallocateStmt, *pg_query.Node_DiscardStmt,
		*pg_query.Node_ListenStmt, *pg_query.Node_UnlistenStmt,
		*pg_query.Node_LockStmt, *pg_query.Node_CheckPointStmt:
		return stmtKind{}
	case *pg_query.Node_TransactionStmt:
		return stmtKind{txControl: true}
	case *pg_query.Node_CopyStmt:
		return stmtKind{writes: s.CopyStmt.IsFrom}
	case *pg_query.Node_UpdateStmt:
		k := stmtKind{writes: true}
		if s.UpdateStmt.WhereClause == nil {
			k.danger = "UPDATE without WHERE changes every row"
		}
		return k
	case *pg_query.Node_DeleteStmt:
		k := stmtKind{writes: true}
		if s.DeleteStmt.WhereClause == nil {
			k.danger = "DELETE without WHERE removes every row"
		}
		return k
	case *pg_query.Node_DropStmt:
		return stmtKind{writes: true, noTx: s.DropStmt.Concurrent, danger: "DROP removes the object and its data"}
	case *pg_query.Node_TruncateStmt:
		return stmtKind{writes: true, danger: "TRUNCATE removes every row"}
	case *pg_query.Node_IndexStmt:
		return stmtKind{writes: true, noTx: s.IndexStmt.Concurrent}
	case *pg_query.Node_ReindexStmt, *pg_query.Node_VacuumStmt,
		*pg_query.Node_CreatedbStmt, *pg_query.Node_DropdbStmt,
		*pg_query.Node_AlterSystemStmt, *pg_query.Node_CreateTableSpaceStmt,
		*pg_query.Node_DropTableSpaceStmt, *pg_query.Node_CreateSubscriptionStmt,
		*pg_query.Node_DropSubscriptionStmt:
		// REINDEX is allowed in a transaction only without CONCURRENTLY;
		// running it outside one is always correct.
		return stmtKind{writes: true, noTx: true}
	}
	return stmtKind{writes: true}
}

// selectWrites reports whether a SELECT holds a data-modifying WITH
// (WITH d AS (DELETE … RETURNING *) SELECT …), which DECLARE refuses.
func selectWrites(s *pg_query.SelectStmt) bool {
	if s.WithClause == nil {
		return false
	}
	for _, c := range s.WithClause.Ctes {
		cte := c.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		if _, ok := cte.Ctequery.Node.(*pg_query.Node_SelectStmt); !ok {
			return true
		}
	}
	return false
}

func explainAnalyze(e *pg_query.ExplainStmt) bool {
	for _, o := range e.Options {
		if d := o.GetDefElem(); d != nil && d.Defname == "analyze" {
			if d.Arg == nil {
				return true
			}
			if b := d.Arg.GetBoolean(); b != nil {
				return b.Boolval
			}
			if s := d.Arg.GetString_(); s != nil {
				return s.Sval != "false" && s.Sval != "off" && s.Sval != "0"
			}
			return true
		}
	}
	return false
}
