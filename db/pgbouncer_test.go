package db

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestPgBouncerTransactionPooling runs pgdeck through a real pgbouncer in
// transaction mode: the rejected startup parameter is detected, queries
// work without named prepared statements, and read-only still holds.
func TestPgBouncerTransactionPooling(t *testing.T) {
	ctx := context.Background()
	b, err := transactionBouncer(ctx)
	if err != nil {
		t.Fatal(err)
	}

	d, err := Open(ctx, Config{DSN: b.ConnString("postgres")})
	if err != nil {
		t.Fatalf("Open through pgbouncer without --pgbouncer: %v", err)
	}
	defer d.Close()
	if !d.PgBouncer() || !strings.Contains(strings.Join(d.Info.Notes, " "), "PgBouncer detected") {
		t.Fatalf("PgBouncer not detected: %v %v", d.PgBouncer(), d.Info.Notes)
	}
	if !strings.Contains(strings.Join(d.Info.Notes, " "), "temporary tables") {
		t.Errorf("notes do not say which session features are unavailable: %v", d.Info.Notes)
	}
	// Many concurrent diagnostic reads share few server connections: named
	// prepared statements would collide here ("prepared statement already
	// exists" / "does not exist").
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs <- d.Read(ctx, func(q Querier) error {
				var n int
				return q.QueryRow(ctx, "select $1::int + count(*)::int from pg_class where relkind = $2", i, "r").Scan(&n)
			})
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("read through pgbouncer: %v", err)
		}
	}
	// Read-only is enforced per transaction, not by a startup parameter.
	err = d.Read(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, "create table through_bouncer(x int)")
		return err
	})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "25006" {
		t.Fatalf("write through pgbouncer in read-only mode: want 25006, got %v", err)
	}
	if !d.Session.ReadOnlyPerTx {
		t.Error("session should enforce read-only per transaction behind pgbouncer")
	}

	// With the flag given explicitly, no detection note but the same mode.
	d2, err := Open(ctx, Config{DSN: b.ConnString("postgres"), PgBouncer: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if strings.Contains(strings.Join(d2.Info.Notes, " "), "detected") {
		t.Errorf("explicit --pgbouncer should not claim detection: %v", d2.Info.Notes)
	}
}
