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
	if err := snapshotStats(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// statement is a pg_stat_statements entry of the demo database.
type statement struct {
	Query string
	Calls int64
	Mean  float64
}

// Statistics captured right after Workload, before the tests add their
// own statements and scans.
var (
	workloadStatements []statement
	workloadIndexScans map[string]int64
	// Sequential and index scans of tasks.
	tasksSeqScans, tasksIdxScans int64
)

func snapshotStats(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, server.ConnString(loadedDB))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT query, calls, mean_exec_time FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY mean_exec_time DESC`)
	if err != nil {
		return fmt.Errorf("read pg_stat_statements: %w", err)
	}
	if workloadStatements, err = pgx.CollectRows(rows, pgx.RowToStructByPos[statement]); err != nil {
		return fmt.Errorf("read pg_stat_statements: %w", err)
	}
	err = conn.QueryRow(ctx, `SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'tasks'`).
		Scan(&tasksSeqScans, &tasksIdxScans)
	if err != nil {
		return fmt.Errorf("read table scans: %w", err)
	}
	rows, err = conn.Query(ctx, `SELECT indexrelname::text, idx_scan FROM pg_stat_user_indexes`)
	if err != nil {
		return fmt.Errorf("read index scans: %w", err)
	}
	workloadIndexScans = map[string]int64{}
	var name string
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&name, &n}, func() error {
		workloadIndexScans[name] = n
		return nil
	})
	return err
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
