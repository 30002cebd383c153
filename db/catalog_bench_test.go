package db

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// makeBigSchema creates database name with n tables of 10 columns and an
// index each (plus the primary key), built server-side in DO blocks of
// 250 tables so no transaction overflows the lock table.
func makeBigSchema(b *testing.B, name string, n int) {
	b.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	var exists bool
	if err := admin.QueryRow(ctx, "select exists (select from pg_database where datname = $1)", name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if exists {
		return
	}
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		b.Fatal(err)
	}
	c, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "create schema bench"); err != nil {
		b.Fatal(err)
	}
	for lo := 1; lo <= n; lo += 250 {
		hi := min(n, lo+249)
		if _, err := c.Exec(ctx, fmt.Sprintf(`do $$ begin
  for i in %d..%d loop
    execute format('create table bench.t%%s (id bigint primary key, name text, c2 int, c3 text, c4 timestamptz, c5 numeric, c6 boolean, c7 text, c8 int, c9 bigint)', i);
    execute format('create index on bench.t%%s (c2)', i);
  end loop;
end $$`, lo, hi)); err != nil {
			b.Fatalf("tables %d..%d: %v", lo, hi, err)
		}
	}
}

// bench10kDSN returns the database of 10,000 tables: the one named by
// $PGDECK_BENCH10K_DSN if set (built once with makeBigSchema's shape, so
// repeated profiling runs skip the minute it takes to create), else
// bench10k on the throwaway server, created on first use.
func bench10kDSN(b *testing.B) string {
	b.Helper()
	if dsn := os.Getenv("PGDECK_BENCH10K_DSN"); dsn != "" {
		return dsn
	}
	makeBigSchema(b, "bench10k", 10000)
	return srv.ConnString("bench10k")
}

// BenchmarkCatalogLoad10k loads the catalog of 10,000 tables × 10 columns
// with an index each. Target: ≤ 1 s per load.
func BenchmarkCatalogLoad10k(b *testing.B) {
	d, err := Open(context.Background(), Config{DSN: bench10kDSN(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	b.ResetTimer()
	for b.Loop() {
		c, err := d.Catalog(context.Background(), CatalogOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Relations) != 10000 {
			b.Fatalf("%d relations", len(c.Relations))
		}
	}
}

// BenchmarkCatalogLoad10kOneConn is the same load with every query on one
// connection (LoadCatalog), to weigh what the second connection brings.
func BenchmarkCatalogLoad10kOneConn(b *testing.B) {
	d, err := Open(context.Background(), Config{DSN: bench10kDSN(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		err := d.Read(ctx, func(q Querier) error {
			c, err := LoadCatalog(ctx, q, d.Info.VersionNum, CatalogOptions{})
			if err == nil && len(c.Relations) != 10000 {
				b.Fatalf("%d relations", len(c.Relations))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
