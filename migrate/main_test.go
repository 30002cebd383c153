package migrate

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
)

// srv is the throwaway server of this package's tests.
var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

var dbSeq atomic.Int64

// newDB creates an empty database and returns its connection string.
func newDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("t%d", dbSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	return srv.ConnString(name)
}

// exec runs a script on dsn.
func exec(t *testing.T, dsn, script string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.PgConn().Exec(ctx, script).ReadAll(); err != nil {
		t.Fatalf("exec: %v", err)
	}
}

// openDB opens dsn through package db.
func openDB(t *testing.T, dsn string, rw bool) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: dsn, ReadWrite: rw})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// histories loads the histories of dsn.
func histories(t *testing.T, dsn string) []History {
	t.Helper()
	d := openDB(t, dsn, false)
	var hs []History
	err := d.Read(context.Background(), func(q db.Querier) error {
		var err error
		hs, err = LoadHistories(context.Background(), q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hs
}
