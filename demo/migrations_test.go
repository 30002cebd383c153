package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// TestSchemaMigrations checks golang-migrate's table: its exact shape and
// its single row.
func TestSchemaMigrations(t *testing.T) {
	conn := connect(t)
	ctx := t.Context()
	cols := one[string](t, conn, `SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY attnum)
FROM pg_attribute WHERE attrelid = 'schema_migrations'::regclass AND attnum > 0 AND NOT attisdropped`)
	if cols != "version bigint not null, dirty boolean not null" {
		t.Errorf("schema_migrations columns: %s", cols)
	}
	pk := one[string](t, conn, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'schema_migrations'::regclass AND contype = 'p'`)
	if pk != "PRIMARY KEY (version)" {
		t.Errorf("schema_migrations primary key: %s", pk)
	}
	rows, err := conn.Query(ctx, `SELECT version, dirty FROM schema_migrations`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct {
		Version int64
		Dirty   bool
	}])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Version != AppliedVersion || got[0].Dirty {
		t.Errorf("schema_migrations rows %+v, want one row {%d false}", got, AppliedVersion)
	}
}

// TestWriteMigrations writes the folder, checks its files (pending ones
// included), and that a second write refuses to overwrite.
func TestWriteMigrations(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
		want, _ := migrationFS.ReadFile("migrations/" + e.Name())
		got, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if !bytes.Equal(got, want) || len(got) == 0 {
			t.Errorf("%s: content differs from the embedded file", e.Name())
		}
	}
	ups, downs := 0, 0
	for name := range names {
		v, err := migrationVersion(name)
		if err != nil {
			t.Error(err)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".up.sql"), ".down.sql")
		switch {
		case strings.HasSuffix(name, ".up.sql"):
			ups++
			if !names[base+".down.sql"] {
				t.Errorf("%s has no down file", name)
			}
		case strings.HasSuffix(name, ".down.sql"):
			downs++
		default:
			t.Errorf("%s is not a golang-migrate file name", name)
		}
		if v > AppliedVersion && !contains(PendingVersions, v) {
			t.Errorf("%s: version %d is neither applied nor listed as pending", name, v)
		}
	}
	if want := int(AppliedVersion) + len(PendingVersions); ups != want || downs != want {
		t.Errorf("%d up and %d down files, want %d of each", ups, downs, want)
	}
	for file := range DangerousMigrations {
		if !names[file] {
			t.Errorf("dangerous migration %s not written", file)
		}
	}
	if err := WriteMigrations(dir); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("second write: %v, want an error saying the file exists", err)
	}
	if err := WriteMigrations(""); err == nil {
		t.Error("empty directory name accepted")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteMigrations(filepath.Join(file, "sub")); err == nil {
		t.Error("directory under a regular file accepted")
	}
}

func contains(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestMigrationsMatchSchema checks that the pending migrations' effects
// are absent, that they apply on the loaded database, and that the down
// files then undo everything — inside a transaction that is rolled back.
func TestMigrationsMatchSchema(t *testing.T) {
	conn := connect(t)
	ctx := t.Context()
	if n := one[int64](t, conn, `SELECT count(*) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'archived_at'`); n != 0 {
		t.Error("tasks.archived_at exists although migration 7 is pending")
	}
	if n := one[int64](t, conn, `SELECT count(*) FROM pg_class WHERE relname = 'tasks_updated_at_idx'`); n != 0 {
		t.Error("tasks_updated_at_idx exists although migration 8 is pending")
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	files := MigrationFiles()
	for _, name := range files {
		v, _ := migrationVersion(name)
		if strings.HasSuffix(name, ".up.sql") && v > AppliedVersion {
			execFile(t, tx, name)
		}
	}
	if typ := one[string](t, tx.Conn(), `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'projects'::regclass AND attname = 'budget'`); typ != "numeric(14,2)" {
		t.Errorf("after the pending migrations projects.budget is %s", typ)
	}
	for i := len(files) - 1; i >= 0; i-- {
		if strings.HasSuffix(files[i], ".down.sql") {
			execFile(t, tx, files[i])
		}
	}
	left := one[[]string](t, tx.Conn(), `SELECT coalesce(array_agg(c.relname::text), '{}') FROM pg_class c
JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'public' AND c.relkind IN ('r', 'i', 'S') AND c.relname NOT LIKE 'schema_migrations%'`)
	if len(left) > 0 {
		t.Errorf("after all down migrations these remain: %v", left)
	}
}

func execFile(t *testing.T, tx pgx.Tx, name string) {
	t.Helper()
	body, err := migrationFS.ReadFile("migrations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(t.Context(), string(body)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestSchemaEqualsMigrations checks that the loaded schema is exactly what
// the applied migrations create: pg_dump --schema-only of the demo
// database equals that of an empty database where only the applied up
// files ran.
func TestSchemaEqualsMigrations(t *testing.T) {
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
	if err := prepare(ctx, conn); err != nil {
		t.Fatal(err)
	}
	names, bodies, err := appliedUpFiles()
	if err != nil {
		t.Fatal(err)
	}
	for i, body := range bodies {
		if _, err := conn.Exec(ctx, body); err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
	}
	dump := func(db string) string {
		out, err := server.Command(ctx, "pg_dump", "--schema-only", "--no-owner", "-h", server.SocketDir,
			"-p", strconv.Itoa(server.Port), "-U", pgtmp.Superuser, db)
		if err != nil {
			t.Fatalf("pg_dump %s: %v\n%s", db, err, out)
		}
		// Recent pg_dump brackets its output with \restrict and
		// \unrestrict lines carrying a random key.
		var keep []string
		for _, l := range strings.Split(string(out), "\n") {
			if !strings.HasPrefix(l, `\restrict `) && !strings.HasPrefix(l, `\unrestrict `) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	want, got := dump(name), dump(loadedDB)
	if got != want {
		wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
		for i := 0; i < len(wl) && i < len(gl); i++ {
			if wl[i] != gl[i] {
				t.Fatalf("schema differs from the migrations' at line %d:\nmigrations: %s\nloaded:     %s", i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("schema differs from the migrations' in length: %d vs %d lines", len(wl), len(gl))
	}
}
