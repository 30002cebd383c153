package schema

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// makeBigSchema creates database name with n tables of 10 columns and an
// index each, server-side in DO blocks of 250 tables (one lock-table-sized
// transaction each). It is reused if it already exists.
func makeBigSchema(b *testing.B, name string, n int) {
	b.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	var exists bool
	if err := admin.QueryRow(ctx, "select exists (select from pg_database where datname = $1)", name).Scan(&exists); err != nil || exists {
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
		if _, err := c.Exec(ctx, fmt.Sprintf(`do $$ begin
  for i in %d..%d loop
    execute format('create table bench.t%%s (id bigint primary key, name text, c2 int, c3 text, c4 timestamptz, c5 numeric, c6 boolean, c7 text, c8 int, c9 bigint)', i);
    execute format('create index on bench.t%%s (c2)', i);
  end loop;
end $$`, lo, min(n, lo+249))); err != nil {
			b.Fatal(err)
		}
	}
}

func bigPane(b *testing.B) (*db.DB, *Model) {
	b.Helper()
	makeBigSchema(b, "bench10k", 10000)
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("bench10k")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(d.Close)
	return d, New(d, theme.NewStyles(true, false), DefaultKeyMap(), time.Minute)
}

// BenchmarkFirstFrame10k is opening the pane on 10,000 tables: catalog
// load, advisor, tree and the first View. Target: ≤ 1.5 s.
func BenchmarkFirstFrame10k(b *testing.B) {
	d, _ := bigPane(b)
	b.ResetTimer()
	for b.Loop() {
		m := New(d, theme.NewStyles(true, false), DefaultKeyMap(), time.Minute)
		m.SetSize(160, 50)
		_, next := m.Update(m.Init()())
		if next != nil || m.cat == nil || len(m.list.entries) != 10000 {
			b.Fatalf("pane not loaded: %v", m.err)
		}
		if v := m.View(); v == "" {
			b.Fatal("empty frame")
		}
	}
}

// BenchmarkFilterKeystroke10k is one key typed into the filter of a list
// of 10,000 tables, with the frame it redraws. Target: ≤ 16 ms.
func BenchmarkFilterKeystroke10k(b *testing.B) {
	_, m := bigPane(b)
	m.SetSize(160, 50)
	m.Update(m.Init()())
	m.Update(keyMsg("/"))
	keys := []string{"t", "1", "2", "backspace", "backspace", "backspace"}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m.Update(keyMsg(keys[i%len(keys)]))
		_ = m.View()
		i++
	}
}
