package migrate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
)

// folderOf writes golang-migrate files into a temporary folder.
func folderOf(t *testing.T, files map[string]string) Folder {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := ReadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func migrator(t *testing.T, dsn string) *db.Migrator {
	t.Helper()
	m, err := db.OpenMigrator(context.Background(), db.Config{DSN: dsn, ReadWrite: true}, HeadTable, HistoryTable)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

func opts() RunOptions {
	return RunOptions{LockWait: 5 * time.Second, LockTimeout: 2 * time.Second, By: "tester@host"}
}

// one reads a single value from dsn.
func one[T any](t *testing.T, dsn, sql string) T {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v T
	if err := conn.QueryRow(ctx, sql).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

var threeFiles = map[string]string{
	"001_accounts.up.sql":   "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
	"001_accounts.down.sql": "DROP TABLE accounts;\n",
	"002_invoices.up.sql":   "CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts);\nINSERT INTO accounts VALUES (1);\n",
	"002_invoices.down.sql": "DROP TABLE invoices;\nDELETE FROM accounts;\n",
	"003_total.up.sql":      "SET lock_timeout = '1s';\nALTER TABLE invoices ADD COLUMN total numeric(12,2);\n",
	"003_total.down.sql":    "ALTER TABLE invoices DROP COLUMN total;\n",
}

func TestUpDown(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	folder := folderOf(t, threeFiles)
	m := migrator(t, dsn)
	var seen []string
	o := opts()
	o.Progress = func(r Result) { seen = append(seen, r.Version) }
	done, err := Up(ctx, m, folder, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 3 || strings.Join(seen, ",") != "1,2,3" {
		t.Fatalf("applied %+v (progress %v), want 1,2,3", done, seen)
	}
	if got := one[string](t, dsn, "SELECT version || '/' || dirty FROM schema_migrations"); got != "3/false" {
		t.Errorf("schema_migrations %q, want 3/false", got)
	}
	if got := one[string](t, dsn, "SELECT checksum FROM pgdeck_migrations WHERE version = 2"); got != PgdeckChecksum(threeFiles["002_invoices.up.sql"]) {
		t.Errorf("checksum %q", got)
	}
	if got := one[string](t, dsn, "SELECT applied_by FROM pgdeck_migrations WHERE version = 1"); got != "postgres (tester@host)" {
		t.Errorf("applied_by %q", got)
	}
	st := Compare(folder, Pick(histories(t, dsn), folder))
	if st.History.Tool != Pgdeck || st.Count(Applied) != 3 {
		t.Errorf("status %+v: want pgdeck, 3 applied", st)
	}
	// A changed file shows as changed.
	folder.Files[0].Up += "-- edited\n"
	if st := Compare(folder, Pick(histories(t, dsn), folder)); st.Entries[0].State != Changed {
		t.Errorf("edited file: %s, want changed", st.Entries[0].State)
	}
	folder.Files[0].Up = threeFiles["001_accounts.up.sql"]

	o.N = 2
	done, err = Down(ctx, m, folder, o)
	if err != nil || len(done) != 2 || done[0].Version != "3" || done[1].Version != "2" {
		t.Fatalf("down: %+v, %v", done, err)
	}
	if got := one[string](t, dsn, "SELECT version || '/' || dirty FROM schema_migrations"); got != "1/false" {
		t.Errorf("after down: schema_migrations %q, want 1/false", got)
	}
	if got := one[int](t, dsn, "SELECT count(*) FROM pgdeck_migrations"); got != 1 {
		t.Errorf("after down: %d history rows, want 1", got)
	}
	if got := one[bool](t, dsn, "SELECT to_regclass('invoices') IS NULL"); !got {
		t.Error("invoices still there after down")
	}
	o.N = 1
	if _, err := Down(ctx, m, folder, o); err != nil {
		t.Fatal(err)
	}
	if got := one[int](t, dsn, "SELECT count(*) FROM schema_migrations"); got != 0 {
		t.Errorf("after reverting all: %d rows in schema_migrations, want none", got)
	}
}

// TestFailureMidFile: the second statement fails; the first is rolled back
// with it and nothing is recorded.
func TestFailureMidFile(t *testing.T) {
	dsn := newDB(t)
	folder := folderOf(t, map[string]string{
		"1_a.up.sql": "CREATE TABLE a (id int);\n",
		"2_b.up.sql": "CREATE TABLE b (id int);\nINSERT INTO no_such_table VALUES (1);\n",
		"3_c.up.sql": "CREATE TABLE c (id int);\n",
	})
	m := migrator(t, dsn)
	done, err := Up(context.Background(), m, folder, opts())
	if err == nil || !strings.Contains(err.Error(), "no_such_table") {
		t.Fatalf("err %v, want the failing statement's error", err)
	}
	if len(done) != 1 {
		t.Errorf("applied %+v, want only 1", done)
	}
	if one[bool](t, dsn, "SELECT to_regclass('b') IS NOT NULL OR to_regclass('c') IS NOT NULL") {
		t.Error("half of migration 2 (or 3) was applied")
	}
	if got := one[string](t, dsn, "SELECT version || '/' || dirty FROM schema_migrations"); got != "1/false" {
		t.Errorf("schema_migrations %q, want 1/false", got)
	}
	if got := one[int](t, dsn, "SELECT count(*) FROM pgdeck_migrations WHERE version = 2"); got != 0 {
		t.Errorf("migration 2 recorded %d times", got)
	}
}

// TestFailedConcurrentBuild: a CREATE UNIQUE INDEX CONCURRENTLY over
// duplicates fails outside a transaction, leaves an invalid index, and the
// migration is dirty with the index named.
func TestFailedConcurrentBuild(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	exec(t, dsn, "CREATE TABLE t (v int); INSERT INTO t VALUES (1), (1);")
	folder := folderOf(t, map[string]string{
		"1_noop.up.sql":   "CREATE TABLE u (id int);\n",
		"2_unique.up.sql": "CREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v);\n",
	})
	if !folder.Files[1].NoTx || folder.Files[0].NoTx {
		t.Fatalf("NoTx %v %v, want false true", folder.Files[0].NoTx, folder.Files[1].NoTx)
	}
	m := migrator(t, dsn)
	_, err := Up(ctx, m, folder, opts())
	var de *DirtyError
	if !errors.As(err, &de) {
		t.Fatalf("err %v, want a DirtyError", err)
	}
	if len(de.LeftBehind) != 1 || !strings.Contains(de.LeftBehind[0], "public.t_v_key") ||
		de.Cleanup[0] != "DROP INDEX CONCURRENTLY IF EXISTS public.t_v_key;" || !strings.Contains(de.Cleanup[1], "force 1") {
		t.Errorf("dirty error %+v", de)
	}
	if got := one[string](t, dsn, "SELECT version || '/' || dirty FROM schema_migrations"); got != "2/true" {
		t.Errorf("schema_migrations %q, want 2/true", got)
	}
	st := Compare(folder, Pick(histories(t, dsn), folder))
	if st.Entries[1].State != Dirty {
		t.Errorf("status of 2: %s, want dirty", st.Entries[1].State)
	}
	if _, err := Up(ctx, m, folder, opts()); err == nil || !strings.Contains(err.Error(), "dirty") {
		t.Errorf("up over a dirty version: %v, want refused", err)
	}
	exec(t, dsn, "DROP INDEX CONCURRENTLY IF EXISTS public.t_v_key")
	if err := Force(ctx, m, 1, opts()); err != nil {
		t.Fatal(err)
	}
	if got := one[string](t, dsn, "SELECT version || '/' || dirty || '/' || (SELECT count(*) FROM pgdeck_migrations) FROM schema_migrations"); got != "1/false/1" {
		t.Errorf("after force: %q, want 1/false/1", got)
	}
}
