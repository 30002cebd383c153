package db

import (
	"context"
	"errors"
	"fmt"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// Defaults bounding a statement run under EXPLAIN ANALYZE.
const (
	DefaultExplainTimeout     = time.Minute
	DefaultExplainLockTimeout = 5 * time.Second
)

// ExplainOptions choose how a statement is explained.
type ExplainOptions struct {
	// Analyze runs the statement (EXPLAIN ANALYZE), always inside
	// BEGIN … ROLLBACK.
	Analyze bool
	// Buffers, Verbose, Settings and WAL add those EXPLAIN options (WAL
	// only with Analyze).
	Buffers, Verbose, Settings, WAL bool
	// AnalyzeWrites confirms that a data-changing statement may be run
	// under ANALYZE. It also needs a read-write connection. Rollback does
	// not undo everything: sequences advance, triggers with outside
	// effects fire, row locks are held while it runs.
	AnalyzeWrites bool
	// StatementTimeout and LockTimeout bound the run; zero means the
	// defaults above.
	StatementTimeout, LockTimeout time.Duration
}

// ErrWritesNeedConfirmation is returned (wrapped) when ANALYZE would run a
// statement that changes data without the caller's confirmation.
var ErrWritesNeedConfirmation = errors.New("the statement changes data, and EXPLAIN ANALYZE would run it")

// ExplainCheck is what pgdeck knows about a statement before explaining it.
type ExplainCheck struct {
	// Writes says the statement may change data: INSERT, UPDATE, DELETE,
	// MERGE (also inside WITH), SELECT INTO, CREATE TABLE AS, EXECUTE.
	Writes bool
}

// CheckExplain parses sql and refuses what EXPLAIN cannot take: no
// statement or several, transaction control, statements that cannot run
// inside a transaction block, and statements EXPLAIN does not accept.
func CheckExplain(sql string) (ExplainCheck, error) {
	tree, err := pgq.Parse(sql)
	if err != nil {
		return ExplainCheck{}, fmt.Errorf("the statement does not parse: %w", err)
	}
	switch len(tree.Stmts) {
	case 0:
		return ExplainCheck{}, errors.New("no statement to explain")
	case 1:
	default:
		return ExplainCheck{}, fmt.Errorf("%d statements given: explain one statement at a time", len(tree.Stmts))
	}
	stmt := tree.Stmts[0].Stmt
	k := classifyNode(stmt)
	switch {
	case k.txControl:
		return ExplainCheck{}, errors.New("transaction control (BEGIN, COMMIT, …) cannot be explained")
	case k.noTx:
		return ExplainCheck{}, errors.New("this statement cannot run inside a transaction block, where EXPLAIN ANALYZE runs everything, and EXPLAIN does not accept it anyway")
	}
	switch stmt.Node.(type) {
	case *pg_query.Node_SelectStmt, *pg_query.Node_InsertStmt, *pg_query.Node_UpdateStmt,
		*pg_query.Node_DeleteStmt, *pg_query.Node_MergeStmt, *pg_query.Node_ExecuteStmt,
		*pg_query.Node_CreateTableAsStmt, *pg_query.Node_DeclareCursorStmt:
	case *pg_query.Node_ExplainStmt:
		return ExplainCheck{}, errors.New("the statement is already an EXPLAIN: give the statement alone")
	default:
		return ExplainCheck{}, errors.New("EXPLAIN accepts only SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE AS")
	}
	return ExplainCheck{Writes: k.writes}, nil
}

// ExplainSQL is the EXPLAIN statement run for sql with o, in JSON format.
func ExplainSQL(sql string, o ExplainOptions) string {
	opts := []string{}
	if o.Analyze {
		opts = append(opts, "ANALYZE")
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{o.Buffers, "BUFFERS"}, {o.Verbose, "VERBOSE"}, {o.Settings, "SETTINGS"}, {o.WAL && o.Analyze, "WAL"}} {
		if f.on {
			opts = append(opts, f.name)
		}
	}
	opts = append(opts, "FORMAT JSON")
	return "EXPLAIN (" + strings.Join(opts, ", ") + ") " + strings.TrimRight(strings.TrimSpace(sql), ";")
}

// Explain runs EXPLAIN for sql on the session connection and returns the
// JSON plan. With Analyze the statement runs inside BEGIN … ROLLBACK with
// a statement and lock timeout — read-only unless writes were confirmed
// (a function called by a SELECT can write too). A data-changing statement
// is refused under Analyze unless the connection is read-write and
// o.AnalyzeWrites is set; plain EXPLAIN is always allowed.
func (d *DB) Explain(ctx context.Context, sql string, o ExplainOptions) (string, error) {
	chk, err := CheckExplain(sql)
	if err != nil {
		return "", err
	}
	writes := o.Analyze && chk.Writes
	if writes && (d.ReadOnly() || !o.AnalyzeWrites) {
		how := "run plain EXPLAIN (--no-analyze) instead, or connect with --read-write and confirm with --analyze-writes (rollback does not undo sequence increments or triggers' outside effects)"
		if !d.ReadOnly() {
			how = "confirm with --analyze-writes (it runs inside a transaction that is rolled back, but sequence increments and triggers' outside effects remain), or run plain EXPLAIN (--no-analyze)"
		}
		return "", fmt.Errorf("%w: %s", ErrWritesNeedConfirmation, how)
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = DefaultExplainTimeout
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultExplainLockTimeout
	}
	var out string
	err = d.Session.Do(ctx, func(c *pgx.Conn) error {
		if st := c.PgConn().TxStatus(); st != 'I' {
			return errors.New("the session has a transaction open: commit or roll it back before explaining (EXPLAIN runs in its own transaction)")
		}
		begin := "BEGIN READ ONLY"
		if writes {
			begin = "BEGIN READ WRITE"
		}
		if _, err := c.Exec(ctx, begin); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer rollback(c)
		for _, set := range []string{
			fmt.Sprintf("SET LOCAL statement_timeout = %d", o.StatementTimeout.Milliseconds()),
			fmt.Sprintf("SET LOCAL lock_timeout = %d", o.LockTimeout.Milliseconds()),
		} {
			if _, err := c.Exec(ctx, set); err != nil {
				return fmt.Errorf("set timeouts: %w", err)
			}
		}
		rows, err := c.Query(ctx, ExplainSQL(sql, o), pgx.QueryExecModeSimpleProtocol)
		if err != nil {
			return fmt.Errorf("explain: %w", err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("explain: %w", err)
		}
		out = strings.Join(lines, "\n")
		return nil
	})
	return out, err
}

// rollback ends the explain transaction even when ctx was cancelled, so
// the session is never left inside it.
func rollback(c *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = c.Exec(ctx, "ROLLBACK")
}

// ExplainSettings returns the planner-relevant settings that differ from
// their defaults, for a saved bundle.
func (d *DB) ExplainSettings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, `SELECT name, setting FROM pg_settings
			WHERE (category LIKE 'Query Tuning%' OR name IN ('work_mem', 'shared_buffers', 'effective_io_concurrency', 'max_parallel_workers', 'jit'))
			  AND setting IS DISTINCT FROM boot_val`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			out[k] = v
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return out, nil
}

// IndexColumns lists, for each valid index of schema.table (schema empty:
// the first match on the search path), its key columns in order; an
// expression column is given as its expression.
func (d *DB) IndexColumns(ctx context.Context, schema, table string) ([][]string, error) {
	var out [][]string
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, `SELECT array_agg(coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.n::int, true)) ORDER BY k.n)
			FROM pg_index i
			JOIN pg_class c ON c.oid = i.indrelid
			JOIN pg_namespace ns ON ns.oid = c.relnamespace
			CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
			LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum AND k.attnum > 0
			WHERE c.relname = $2 AND i.indisvalid AND k.n <= i.indnkeyatts
			  AND CASE WHEN $1 = '' THEN pg_table_is_visible(c.oid) ELSE ns.nspname = $1 END
			GROUP BY i.indexrelid`, schema, table)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, pgx.RowTo[[]string])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read indexes of %s: %w", table, err)
	}
	return out, nil
}
