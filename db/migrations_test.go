package db

import (
	"context"
	"testing"
)

// TestAdvisoryLockID: the key matches golang-migrate's formula, computed
// independently (Python: crc32(b"public\0schema_migrations\0postgres") *
// 1486364155 mod 2**32).
func TestAdvisoryLockID(t *testing.T) {
	if got := AdvisoryLockID("postgres", "public", "schema_migrations"); got != 143310882 {
		t.Errorf("lock id %d, want 143310882", got)
	}
}

// TestMigrationQueries runs the detection and history queries on a
// golang-migrate table in a schema with a hostile name.
func TestMigrationQueries(t *testing.T) {
	ctx := context.Background()
	d := openTest(t, Config{ReadWrite: true})
	err := d.Write(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, `CREATE SCHEMA "m;ig""x"; CREATE TABLE "m;ig""x".schema_migrations (version bigint not null primary key, dirty boolean not null);
INSERT INTO "m;ig""x".schema_migrations VALUES (42, true)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = d.Write(ctx, func(q Querier) error { _, err := q.Exec(ctx, `DROP SCHEMA "m;ig""x" CASCADE`); return err })
	})
	err = d.Read(ctx, func(q Querier) error {
		ts, err := MigrationTables(ctx, q, []string{"schema_migrations"})
		if err != nil {
			return err
		}
		if len(ts) != 1 || ts[0].Schema != `m;ig"x` || len(ts[0].Columns) != 2 || ts[0].Types[0] != "bigint" || ts[0].Types[1] != "boolean" {
			t.Errorf("tables %+v", ts)
		}
		rows, err := MigrationHistory(ctx, q, "golang_migrate", `m;ig"x`, "schema_migrations")
		if err != nil {
			return err
		}
		if len(rows) != 1 || rows[0].Version != "42" || rows[0].OK || rows[0].AppliedAt != nil {
			t.Errorf("rows %+v, want one dirty row at 42", rows)
		}
		if _, err := MigrationHistory(ctx, q, "nope", "public", "x"); err == nil {
			t.Error("unknown tool accepted")
		}
		ty, ok, err := ColumnType(ctx, q, `"m;ig""x".schema_migrations`, "dirty")
		if err != nil || !ok || ty != "boolean" {
			t.Errorf("column type %q %v %v", ty, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
