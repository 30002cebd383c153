package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/finding"
)

// pinned runs fn in a read-only transaction on one pool connection of its
// own, then closes that connection rather than returning it to the pool:
// prepared statements, plan_cache_mode and hypothetical indexes live in the
// backend, and must not leak into later diagnostics.
func (d *DB) pinned(ctx context.Context, fn func(q Querier) error) error {
	c, err := d.pool.Acquire(ctx)
	if err != nil {
		return explainQueryError(err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		c.Conn().Close(cctx)
		c.Release()
	}()
	tx, err := c.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return explainQueryError(err)
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // nothing to keep
	if _, err := tx.Exec(ctx, "select set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)",
		ms(d.cfg.StatementTimeout), ms(d.cfg.LockTimeout)); err != nil {
		return explainQueryError(err)
	}
	if err := fn(tx); err != nil {
		return explainQueryError(err)
	}
	return nil
}

// GenericPlan returns the EXPLAIN (FORMAT JSON) text of sql planned as a
// generic plan, so a normalised statement with $1, $2… from
// pg_stat_statements can be explained without values. params, when given,
// are typed literal values for $1, $2…; missing ones are NULL. It never
// executes the statement.
func (d *DB) GenericPlan(ctx context.Context, sql string, params []string) (string, error) {
	var plan string
	err := d.pinned(ctx, func(q Querier) error {
		var err error
		plan, err = explainGeneric(ctx, q, d.Info.Major(), sql, params)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("generic plan: %w", err)
	}
	return plan, nil
}

var preparedSeq atomic.Uint64

// explainGeneric plans sql generically on q: EXPLAIN (GENERIC_PLAN) on
// PostgreSQL 16+, and on 12–15 PREPARE with plan_cache_mode =
// force_generic_plan and EXPLAIN EXECUTE with NULL (or given) values.
// sql is first PREPAREd through the extended protocol, which refuses a
// second statement smuggled after a semicolon.
func explainGeneric(ctx context.Context, q Querier, major int, sql string, params []string) (string, error) {
	sql = strings.TrimRight(strings.TrimSpace(sql), "; \t\n")
	if sql == "" {
		return "", fmt.Errorf("no statement to explain")
	}
	if strings.ContainsRune(sql, 0) {
		return "", fmt.Errorf("the statement contains a NUL byte")
	}
	var plan string
	// PREPARE through the extended protocol both checks that sql is one
	// statement and gives the parameter types the 12–15 path needs.
	name := fmt.Sprintf("pgdeck_generic_%d", preparedSeq.Add(1))
	if _, err := q.Exec(ctx, "PREPARE "+name+" AS "+sql, pgx.QueryExecModeExec); err != nil {
		return "", fmt.Errorf("prepare: %w", err)
	}
	if major >= 16 && len(params) == 0 {
		return explainGenericPlan(ctx, q, sql)
	}
	if _, err := q.Exec(ctx, "select set_config('plan_cache_mode', 'force_generic_plan', true)"); err != nil {
		return "", err
	}
	var types []string
	if err := q.QueryRow(ctx, query("generic_plan_params"), name).Scan(&types); err != nil {
		return "", fmt.Errorf("parameter types: %w", err)
	}
	if len(params) > len(types) {
		return "", fmt.Errorf("%d values given but the statement takes %d parameters", len(params), len(types))
	}
	args := make([]string, len(types))
	for i, t := range types {
		v := "NULL"
		if i < len(params) {
			v = finding.QuoteLiteral(params[i])
		}
		// t is the server's own regtype output, safe to write back.
		args[i] = v + "::" + t
	}
	exec := "EXPLAIN (FORMAT JSON) EXECUTE " + name
	if len(args) > 0 {
		exec += "(" + strings.Join(args, ", ") + ")"
	}
	err := q.QueryRow(ctx, exec, pgx.QueryExecModeExec).Scan(&plan)
	return plan, err
}

// explainGenericPlan runs EXPLAIN (GENERIC_PLAN) over the simple
// protocol. Through the extended protocol the server counts the $1, $2…
// of the explained statement as parameters of EXPLAIN itself and refuses
// a Bind that supplies none (SQLSTATE 08P01); pgx's own simple mode would
// try to interpolate them. The caller has already checked, with PREPARE,
// that sql is a single statement, so the simple protocol cannot run a
// second one.
func explainGenericPlan(ctx context.Context, q Querier, sql string) (string, error) {
	c, ok := q.(interface{ Conn() *pgx.Conn })
	if !ok {
		return "", fmt.Errorf("generic plan: no connection to run the simple protocol on")
	}
	rs, err := c.Conn().PgConn().Exec(ctx, "EXPLAIN (GENERIC_PLAN, FORMAT JSON) "+sql).ReadAll()
	if err != nil {
		return "", err
	}
	if len(rs) != 1 || len(rs[0].Rows) != 1 || len(rs[0].Rows[0]) != 1 {
		return "", fmt.Errorf("generic plan: unexpected result shape")
	}
	return string(rs[0].Rows[0][0]), nil
}

// PlanCost reads the top node's Total Cost from EXPLAIN (FORMAT JSON).
func PlanCost(plan string) (float64, error) {
	var doc []struct {
		Plan struct {
			TotalCost float64 `json:"Total Cost"`
		} `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(plan), &doc); err != nil {
		return 0, fmt.Errorf("read plan cost: %w", err)
	}
	if len(doc) == 0 {
		return 0, fmt.Errorf("read plan cost: empty plan")
	}
	return doc[0].Plan.TotalCost, nil
}
