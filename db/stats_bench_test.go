package db

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// bench10k builds (once per server) a database of 10,000 tables, each
// with a primary key, a foreign key to a shared parent, a secondary index
// and a few analysed rows: the catalog size the diagnostic queries must
// stay fast on.
func bench10k(b *testing.B) *DB {
	b.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	var exists bool
	if err := admin.QueryRow(ctx, "select exists (select 1 from pg_database where datname = 'bench10k')").Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(ctx, "create database bench10k"); err != nil {
			b.Fatal(err)
		}
		c, err := pgx.Connect(ctx, srv.ConnString("bench10k"))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		for _, s := range []string{
			"create extension pg_stat_statements",
			"create table parent (id int primary key)",
			"insert into parent values (1)",
		} {
			if _, err := c.Exec(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		// 100 tables per transaction: one transaction would run out of
		// lock table slots.
		for from := 1; from <= 10000; from += 100 {
			if _, err := c.Exec(ctx, `do $$ begin for i in `+fmt.Sprint(from)+`..`+fmt.Sprint(from+99)+` loop
			   execute format('create table t%s (id int primary key, parent_id int references parent, v int, note text)', i);
			   execute format('create index on t%s (v)', i);
			   execute format('insert into t%s values (1, 1, 1, ''x''), (2, 1, 2, ''y'')', i);
			 end loop; end $$`); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := c.Exec(ctx, "vacuum analyze"); err != nil {
			b.Fatal(err)
		}
	}
	// The DDL above fills pg_stat_statements with ~5,000 entries; each
	// statement benchmark sets the state it measures (pgssState).
	d, err := Open(ctx, Config{DSN: srv.ConnString("bench10k")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(d.Close)
	return d
}

// pgssState empties pg_stat_statements, then, when n > 0, runs n distinct
// statements (one per table) so it holds at least n entries: a freshly
// reset server, or one at the default pg_stat_statements.max of 5,000.
func pgssState(b *testing.B, n int) {
	b.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, srv.ConnString("bench10k"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "select pg_stat_statements_reset()"); err != nil {
		b.Fatal(err)
	}
	// 100 tables per transaction, or the locks would fill the lock table.
	for from := 1; from <= n; from += 100 {
		if _, err := c.Exec(ctx, `do $$ begin for i in `+fmt.Sprint(from)+`..`+fmt.Sprint(min(from+99, n))+` loop
		   execute format('select count(*) from t%s', i); end loop; end $$`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiagnostics10k times each diagnostic read on 10,000 tables.
// Run: go test ./db -run '^$' -bench Diagnostics10k -benchtime 10x -count 3
// (-count reuses the fixture, which takes minutes to build on a loaded
// machine). The single-query runs set the transaction up as the loading
// functions do (tuneDiagnostics). pg_stat_statements is measured right
// after a reset and full (5,000 entries, the default maximum);
// health_database_size is the exact size, read only on request.
func BenchmarkDiagnostics10k(b *testing.B) {
	d := bench10k(b)
	ctx := context.Background()
	read := func(name string, args ...any) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				err := d.Read(ctx, func(q Querier) error {
					if err := tuneDiagnostics(ctx, q); err != nil {
						return err
					}
					rows, err := q.Query(ctx, query(name), args...)
					if err != nil {
						return err
					}
					for rows.Next() {
					}
					return rows.Err()
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("indexes", read("stats_indexes"))
	b.Run("foreign_keys", read("stats_foreign_keys"))
	b.Run("tables_bloat", read("stats_tables", IndexLimit))
	b.Run("index_bloat", read("stats_index_bloat", IndexLimit))
	b.Run("activity", read("activity"))
	b.Run("health", read("health"))
	b.Run("health_sequences", read("health_sequences"))
	pgss := func(n int) func(b *testing.B) {
		return func(b *testing.B) {
			pgssState(b, n)
			for b.Loop() {
				if _, err := d.QueryStats(ctx); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("pg_stat_statements", pgss(0))
	b.Run("pg_stat_statements_5000", pgss(5000))
	b.Run("health_database_size", read("health_database_size"))
	b.Run("IndexHealth_all", func(b *testing.B) {
		for b.Loop() {
			if _, err := d.IndexHealth(ctx, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Health_all", func(b *testing.B) {
		for b.Loop() {
			if _, err := d.Health(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
