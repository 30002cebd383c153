package schema

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
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
	// $PGDECK_BENCH10K_DSN names a database already built with
	// makeBigSchema's shape, to skip the minute it takes to create.
	dsn := os.Getenv("PGDECK_BENCH10K_DSN")
	if dsn == "" {
		makeBigSchema(b, "bench10k", 10000)
		dsn = srv.ConnString("bench10k")
	}
	d, err := db.Open(context.Background(), db.Config{DSN: dsn})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(d.Close)
	return d, New(d, theme.NewStyles(true, false), DefaultKeyMap(), time.Minute)
}

// BenchmarkFirstFrame10k is opening the pane on 10,000 tables: catalog
// load, tree and the first View (the advisor's findings follow in their
// own command, see BenchmarkFindingsReady10k). Target: ≤ 1.5 s.
func BenchmarkFirstFrame10k(b *testing.B) {
	d, _ := bigPane(b)
	b.ResetTimer()
	for b.Loop() {
		m := New(d, theme.NewStyles(true, false), DefaultKeyMap(), time.Minute)
		m.SetSize(160, 50)
		m.Update(m.Init()())
		if m.cat == nil || len(m.list.entries) != 10000 || !m.Checking() {
			b.Fatalf("pane not loaded: %v", m.err)
		}
		if v := m.View(); !strings.Contains(v, "bench.t1 ") {
			b.Fatalf("first frame lacks the list:\n%s", v)
		}
	}
}

// BenchmarkFindingsReady10k is opening the pane until the advisor's
// markers are drawn: the first frame plus the advisor over 10,000 tables.
func BenchmarkFindingsReady10k(b *testing.B) {
	d, _ := bigPane(b)
	b.ResetTimer()
	for b.Loop() {
		m := New(d, theme.NewStyles(true, false), DefaultKeyMap(), time.Minute)
		m.SetSize(160, 50)
		_, next := m.Update(m.Init()())
		_ = m.View()
		for _, msg := range runBatch(next) {
			if e, ok := msg.(pane.Envelope); ok {
				if _, ok := e.Msg.(findingsMsg); ok {
					m.Update(msg)
				}
			}
		}
		if m.Checking() || len(m.findings) == 0 {
			b.Fatal("findings not applied")
		}
		_ = m.View()
	}
}

// runBatch runs a command and the commands of a batch it returns.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runBatch(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
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
