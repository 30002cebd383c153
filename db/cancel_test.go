package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// TestCancelThroughPgBouncer cancels pg_sleep 15 times in a row through a
// real PgBouncer 1.18 as psql does: pgx's own cancel handler hung up the
// cancel connection early and PgBouncer exited after 1–3 cancels
// (`disconnect_client(): bad client state: 0`).
func TestCancelThroughPgBouncer(t *testing.T) {
	ctx := context.Background()
	b, err := transactionBouncer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Open(ctx, Config{DSN: b.ConnString("postgres"), PgBouncer: true, ReadWrite: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for i := range 15 {
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(150*time.Millisecond, cancel)
		start := time.Now()
		err := d.Session.Do(cctx, func(c *pgx.Conn) error { _, err := c.Exec(cctx, "select pg_sleep(30)"); return err })
		cancel()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
			log, _ := os.ReadFile(filepath.Join(b.SocketDir, "pgbouncer.log"))
			t.Fatalf("cancel %d: want query_canceled 57014, got %v\npgbouncer log:\n%s", i+1, err, log)
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("cancel %d took %v", i+1, time.Since(start))
		}
	}
	var n int
	if err := d.Session.Do(ctx, func(c *pgx.Conn) error { return c.QueryRow(ctx, "select 41 + 1").Scan(&n) }); err != nil || n != 42 {
		t.Fatalf("query after the cancels: %d, %v", n, err)
	}
	fresh, err := pgx.Connect(ctx, b.ConnString("postgres"))
	if err != nil {
		t.Fatalf("pgbouncer is gone after the cancels: %v", err)
	}
	defer fresh.Close(ctx)
	if log, _ := os.ReadFile(filepath.Join(b.SocketDir, "pgbouncer.log")); strings.Contains(string(log), "FATAL") {
		t.Fatalf("pgbouncer logged a FATAL:\n%s", log)
	}
}

var (
	bouncerOnce sync.Once
	bouncer     *pgtmp.PgBouncer
	bouncerErr  error
)

// transactionBouncer is the one transaction-pooling PgBouncer of the test
// server (pgtmp starts one per server), shared by the tests that need it;
// it stops with the server.
func transactionBouncer(ctx context.Context) (*pgtmp.PgBouncer, error) {
	bouncerOnce.Do(func() { bouncer, bouncerErr = srv.StartPgBouncer(ctx, "transaction") })
	return bouncer, bouncerErr
}
