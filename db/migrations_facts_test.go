package db

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestMigrationTableFacts reads the size figures of a plain table, a
// partitioned one, a never-analysed one and a missing one (in a schema
// with a hostile name), and checks them against the relations' real sizes
// and row counts after VACUUM, which makes relpages exact.
func TestMigrationTableFacts(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	setup := `CREATE SCHEMA "fa""cts";
CREATE TABLE "fa""cts".big (id int, pad text);
INSERT INTO "fa""cts".big SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g;
INSERT INTO "fa""cts".big VALUES (0, (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 2000) g));
CREATE TABLE "fa""cts".parts (id int) PARTITION BY RANGE (id);
CREATE TABLE "fa""cts".parts_a PARTITION OF "fa""cts".parts FOR VALUES FROM (0) TO (1000);
CREATE TABLE "fa""cts".parts_b PARTITION OF "fa""cts".parts FOR VALUES FROM (1000) TO (5000);
INSERT INTO "fa""cts".parts SELECT g FROM generate_series(0, 4999) g;
CREATE TABLE "fa""cts".never (id int);
INSERT INTO "fa""cts".never VALUES (1)`
	if _, err := conn.Exec(ctx, setup); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), `DROP SCHEMA "fa""cts" CASCADE`) })
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE "fa""cts".big, "fa""cts".parts`); err != nil {
		t.Fatal(err)
	}
	var bigBytes, partBytes int64
	err = conn.QueryRow(ctx, `SELECT pg_relation_size(oid) + pg_relation_size(reltoastrelid),
	  pg_relation_size('"fa""cts".parts_a') + pg_relation_size('"fa""cts".parts_b')
	FROM pg_class WHERE oid = '"fa""cts".big'::regclass`).Scan(&bigBytes, &partBytes)
	if err != nil {
		t.Fatal(err)
	}
	d := openTest(t, Config{})
	var got []TableFacts
	err = d.Read(ctx, func(q Querier) error {
		got, err = MigrationTableFacts(ctx, q, []string{`"fa""cts".big`, `"fa""cts".parts`, `"fa""cts".never`, `"fa""cts".missing`})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("got %d rows, want 4: %+v", len(got), got)
	}
	big, parts, never, missing := got[0], got[1], got[2], got[3]
	if big.Name != `"fa""cts".big` || big.Resolved != `"fa""cts".big` || !big.Exists || big.Rows == nil || *big.Rows != 20001 || big.Bytes == nil || *big.Bytes != bigBytes {
		t.Errorf("big = %+v (bytes %v rows %v), want %d bytes, 20001 rows", big, deref(big.Bytes), deref(big.Rows), bigBytes)
	}
	if !parts.Exists || parts.Rows == nil || *parts.Rows != 5000 || parts.Bytes == nil || *parts.Bytes != partBytes {
		t.Errorf("parts = %+v (bytes %v rows %v), want %d bytes, 5000 rows", parts, deref(parts.Bytes), deref(parts.Rows), partBytes)
	}
	if !never.Exists || never.Bytes != nil || never.Rows != nil {
		t.Errorf("never-analysed table = %+v, want no figures", never)
	}
	if missing.Exists || missing.Resolved != "" || missing.Bytes != nil {
		t.Errorf("missing table = %+v", missing)
	}
	err = d.Read(ctx, func(q Querier) error {
		none, err := MigrationTableFacts(ctx, q, nil)
		if err == nil && len(none) != 0 {
			t.Errorf("no names gave %v", none)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
