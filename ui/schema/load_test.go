package schema

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// newPaneDB makes database name holding fixture and a pane on it, sized
// but not loaded.
func newPaneDB(t *testing.T, name, fixture string) *Model {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	admin.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)") //nolint:errcheck
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	c, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, fixture); err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(ctx, db.Config{DSN: srv.ConnString(name)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 10*time.Second)
	m.SetSize(150, 30)
	return m
}

// TestFirstFrameBeforeFindings: the list draws as soon as the catalog is
// there; the advisor's markers arrive with their own command.
func TestFirstFrameBeforeFindings(t *testing.T) {
	m := newPaneDB(t, "schema_first_frame", `create table nokey (a int, price double precision);`)
	_, next := m.Update(m.Init()())
	v := screen(m)
	if !m.Checking() || !strings.Contains(v, "public.nokey") || strings.Contains(v, "* t public.nokey") || !strings.Contains(v, "checking…") {
		t.Fatalf("first frame should show the list while checking:\n%s", v)
	}
	drain(t, m, next)
	if v := screen(m); m.Checking() || !strings.Contains(v, "* t public.nokey") || strings.Contains(v, "checking…") {
		t.Errorf("findings not marked after the advisor ran:\n%s", v)
	}
}

// TestViewIsPure: drawing twice changes nothing and gives the same frame,
// whatever the scroll state.
func TestViewIsPure(t *testing.T) {
	m := newPaneDB(t, "schema_view_pure", `
create table wide (`+strings.Repeat("c", 1)+`0 int`+func() string {
		var b strings.Builder
		for i := 1; i < 60; i++ {
			b.WriteString(", c" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + strings.Repeat("z", i/26) + " int")
		}
		return b.String()
	}()+`);`)
	drain(t, m, m.Init())
	press(t, m, "l")
	for range 45 {
		press(t, m, "j")
	}
	cur, off, loff := m.detailCursor, m.detailOffset, m.list.offset
	if off == 0 {
		t.Fatalf("detail should have scrolled (cursor %d)", cur)
	}
	a, b := m.View(), m.View()
	if a != b || m.detailCursor != cur || m.detailOffset != off || m.list.offset != loff {
		t.Errorf("View changed the model: cursor %d→%d offset %d→%d", cur, m.detailCursor, off, m.detailOffset)
	}
	m.SetSize(150, 10)
	if m.detailCursor-m.detailOffset >= m.detailHeight()-1 {
		t.Errorf("SetSize should keep the cursor on screen: cursor %d offset %d height %d", m.detailCursor, m.detailOffset, m.detailHeight())
	}
}

// TestDefinitionsFetchedForDDL: the bulk load has no deparsed index text;
// the DDL tab fetches the table's definitions and shows the real ones.
func TestDefinitionsFetchedForDDL(t *testing.T) {
	m := newPaneDB(t, "schema_defs", `
create table t (id int primary key, a int);
create index t_a_idx on t (a desc) where a > 0;`)
	drain(t, m, m.Init())
	if r := m.Selected(); r == nil || !r.NeedsDefinitions() {
		t.Fatalf("bulk load should leave definitions out: %+v", r)
	}
	press(t, m, "]", "]", "]", "]") // DDL
	v := screen(m)
	if !strings.Contains(v, "CREATE INDEX t_a_idx ON public.t USING btree (a DESC) WHERE (a > 0);") {
		t.Errorf("ddl tab should show the deparsed index:\n%s", v)
	}
	if _, ok := m.defs[m.Selected().OID]; !ok {
		t.Error("definitions not cached")
	}
	press(t, m, "[", "[") // Constraints
	if v := screen(m); !strings.Contains(v, "PRIMARY KEY (id)") {
		t.Errorf("constraints tab:\n%s", v)
	}
}

// TestAdvisorRunsWhileDrawing runs the advisor's command on its own
// goroutine, as the runtime does, while keys and frames go through the
// pane: under -race this proves the two only share reads.
func TestAdvisorRunsWhileDrawing(t *testing.T) {
	m := newPaneDB(t, "schema_advisor_race", `
create table a (id int primary key, price float8);
create table b (id int, a_id int references a);
create table p (id int, at date) partition by range (at);
create table p1 partition of p for values from ('2024-01-01') to ('2025-01-01');`)
	_, next := m.Update(m.Init()())
	done := make(chan []tea.Msg)
	go func() { done <- runBatch(next) }()
	for _, k := range []string{"j", "]", "]", "]", "j", "k", "]", "]"} {
		press(t, m, k)
		_ = m.View()
	}
	for _, msg := range <-done {
		m.Update(msg)
	}
	if m.Checking() || len(m.findings) == 0 {
		t.Errorf("findings not applied after the concurrent run")
	}
}
