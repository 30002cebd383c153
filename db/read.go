package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is what diagnostic functions need: *pgx.Conn, pgx.Tx and
// *pgxpool.Pool all satisfy it.
type Querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Read runs fn on a pooled connection inside a read-only transaction with
// pgdeck's diagnostic statement and lock timeouts, then ends it. This is
// how every background diagnostic query runs: it never writes, never
// waits long for a lock, and works through PgBouncer transaction pooling,
// where session settings would not stick.
func (d *DB) Read(ctx context.Context, fn func(q Querier) error) error {
	return d.inTx(ctx, pgx.ReadOnly, fn)
}

// Write is Read for the few console actions that change something
// (cancel a backend, reset statistics); it is refused in read-only mode.
func (d *DB) Write(ctx context.Context, fn func(q Querier) error) error {
	if d.ReadOnly() {
		return ErrReadOnly
	}
	return d.inTx(ctx, pgx.ReadWrite, fn)
}

// ErrReadOnly is returned by actions that need --read-write.
var ErrReadOnly = fmt.Errorf("pgdeck is in read-only mode: restart it with --read-write to do this")

func (d *DB) inTx(ctx context.Context, mode pgx.TxAccessMode, fn func(q Querier) error) error {
	tx, err := d.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: mode})
	if err != nil {
		return explainQueryError(err)
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // after Commit this is a no-op
	if _, err := tx.Exec(ctx, "select set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)",
		ms(d.cfg.StatementTimeout), ms(d.cfg.LockTimeout)); err != nil {
		return explainQueryError(err)
	}
	if err := fn(tx); err != nil {
		return explainQueryError(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return explainQueryError(err)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%dms", d.Milliseconds()) }
