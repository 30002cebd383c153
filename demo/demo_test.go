package demo

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// server is the throwaway server of this package's tests; loadedDB is a
// database on it where Load and Workload have run (once, in TestMain).
var (
	server   *pgtmp.Server
	loadedDB string
	dbSeq    atomic.Int64
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	ctx := context.Background()
	s, err := pgtmp.Start(ctx, pgtmp.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start throwaway server:", err)
		return 1
	}
	defer s.Close()
	server = s
	name, err := createDB(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	logf := func(step string, d time.Duration) {
		fmt.Fprintf(os.Stderr, "  %-55s %v\n", step, d.Round(time.Millisecond))
	}
	progress, finish := Timed(logf)
	t0 := time.Now()
	if err := Load(ctx, server.ConnString(name), progress); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	finish()
	t1 := time.Now()
	if err := Workload(ctx, server.ConnString(name)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	t2 := time.Now()
	fmt.Fprintf(os.Stderr, "demo: load %v, workload %v, total %v\n",
		t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), t2.Sub(t0).Round(time.Millisecond))
	loadedDB = name
	return m.Run()
}

// createDB creates a fresh empty database on the test server.
func createDB(ctx context.Context) (string, error) {
	name := fmt.Sprintf("demo_%d", dbSeq.Add(1))
	conn, err := pgx.Connect(ctx, server.ConnString("postgres"))
	if err != nil {
		return "", fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return name, nil
}

// connect opens a connection to the loaded demo database.
func connect(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server.ConnString(loadedDB))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn
}
