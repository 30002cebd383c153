package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// TestRowCounts checks the size of the generated data.
func TestRowCounts(t *testing.T) {
	conn := connect(t)
	for table, want := range map[string]int64{
		"organizations": Organizations, "users": Users, "projects": Projects,
		"tasks": Tasks, "comments": Comments,
	} {
		if n := one[int64](t, conn, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	if Tasks < 100000 {
		t.Errorf("Tasks = %d, want at least 100,000", Tasks)
	}
	// The retention delete keeps about 30% of the log (90 of 300 days).
	n := one[int64](t, conn, "SELECT count(*) FROM activity_logs")
	if n < ActivityLogsInserted/5 || n > ActivityLogsInserted/2 {
		t.Errorf("activity_logs: %d rows after retention, want 20–50%% of %d", n, ActivityLogsInserted)
	}
	for _, table := range []string{"memberships", "tags", "task_tags"} {
		if n := one[int64](t, conn, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()); n == 0 {
			t.Errorf("%s is empty", table)
		}
	}
}

// TestForeignKeysHold checks every foreign key row by row: Load inserts
// with foreign-key triggers off, so the data must be right by
// construction.
func TestForeignKeysHold(t *testing.T) {
	conn := connect(t)
	ctx := t.Context()
	rows, err := conn.Query(ctx, `SELECT c.conname, c.conrelid::regclass::text, a.attname::text,
       c.confrelid::regclass::text, f.attname::text
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	fks, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ Name, Table, Col, RefTable, RefCol string }])
	if err != nil {
		t.Fatal(err)
	}
	if len(fks) < 10 {
		t.Fatalf("only %d foreign keys", len(fks))
	}
	for _, fk := range fks {
		q := "SELECT count(*) FROM " + pgx.Identifier{fk.Table}.Sanitize() + " x WHERE x." + pgx.Identifier{fk.Col}.Sanitize() +
			" IS NOT NULL AND NOT EXISTS (SELECT FROM " + pgx.Identifier{fk.RefTable}.Sanitize() + " r WHERE r." +
			pgx.Identifier{fk.RefCol}.Sanitize() + " = x." + pgx.Identifier{fk.Col}.Sanitize() + ")"
		if n := one[int64](t, conn, q); n != 0 {
			t.Errorf("%s: %d rows of %s.%s reference nothing", fk.Name, n, fk.Table, fk.Col)
		}
	}
}

// TestLoadRefusesNonEmptyDatabase checks that a second Load into the demo
// database fails before writing anything.
func TestLoadRefusesNonEmptyDatabase(t *testing.T) {
	err := Load(t.Context(), server.ConnString(loadedDB), nil)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Load into a loaded database: %v, want a 'not empty' error", err)
	}
	conn := connect(t)
	if v := one[int64](t, conn, `SELECT version FROM schema_migrations WHERE NOT dirty`); v != AppliedVersion {
		t.Errorf("schema_migrations changed to %d", v)
	}
}

// TestBadConnection checks that bad connection strings give errors.
func TestBadConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for _, dsn := range []string{"postgres://%zz", "host=/nonexistent-dir port=1 dbname=x connect_timeout=2",
		server.ConnString("no_such_database")} {
		if err := Load(ctx, dsn, nil); err == nil {
			t.Errorf("Load(%q) succeeded", dsn)
		}
		if err := Workload(ctx, dsn); err == nil {
			t.Errorf("Workload(%q) succeeded", dsn)
		}
	}
}

// TestWorkloadOnEmptyDatabase checks that Workload says what is missing
// rather than failing obscurely when Load has not run.
func TestWorkloadOnEmptyDatabase(t *testing.T) {
	name, err := createDB(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	err = Workload(t.Context(), server.ConnString(name))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Workload on an empty database: %v", err)
	}
}

// TestTimed checks the step-duration helper used for progress logs.
func TestTimed(t *testing.T) {
	var got []string
	progress, finish := Timed(func(step string, d time.Duration) {
		if d < 0 {
			t.Errorf("negative duration for %s", step)
		}
		got = append(got, step)
	})
	progress("a")
	progress("b")
	finish()
	finish()
	if strings.Join(got, ",") != "a,b" {
		t.Errorf("reported %v, want [a b]", got)
	}
}

// TestLoadAsNonSuperuser loads into a database owned by an ordinary role:
// foreign-key triggers then stay on (so every row is checked as it goes
// in) and pg_stat_statements cannot be created, which is not an error.
func TestLoadAsNonSuperuser(t *testing.T) {
	ctx := t.Context()
	admin, err := pgx.Connect(ctx, server.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.WithoutCancel(ctx))
	for _, sql := range []string{`CREATE ROLE demo_owner LOGIN`, `CREATE DATABASE demo_owned OWNER demo_owner`} {
		if _, err := admin.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	cs := strings.Replace(server.ConnString("demo_owned"), "user="+pgtmp.Superuser, "user=demo_owner", 1)
	if err := Load(ctx, cs, nil); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if n := one[int64](t, conn, `SELECT count(*) FROM tasks`); n != Tasks {
		t.Errorf("tasks: %d rows, want %d", n, Tasks)
	}
	if owner := one[string](t, conn, `SELECT tableowner FROM pg_tables WHERE tablename = 'tasks'`); owner != "demo_owner" {
		t.Errorf("tasks owned by %s", owner)
	}
}

// TestCheckEmpty checks that extension objects do not make a database
// count as used, and that a table of its own does.
func TestCheckEmpty(t *testing.T) {
	ctx := t.Context()
	name, err := createDB(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, server.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `CREATE EXTENSION pg_stat_statements`); err != nil {
		t.Fatal(err)
	}
	if err := checkEmpty(ctx, conn); err != nil {
		t.Errorf("with only pg_stat_statements: %v", err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE "my ""table""" ()`); err != nil {
		t.Fatal(err)
	}
	if err := checkEmpty(ctx, conn); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("with a table: %v, want a 'not empty' error", err)
	}
}
