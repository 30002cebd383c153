package schema

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pgdeck/pgdeck/ui/uitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

const paneFixture = `
create schema app;
create table app.users (id bigint generated always as identity primary key, email text not null);
create table app.orders (
  id bigint generated always as identity primary key,
  user_id bigint not null references app.users,
  amount double precision,
  note text
);
create table app."Weird ""Name"" ☃" ("select" int);
create table app.events (id int, at date not null) partition by range (at);
create table app.events_2024 partition of app.events for values from ('2024-01-01') to ('2025-01-01');
insert into app.users (email) values ('a@x'), ('b@x');
insert into app.orders (user_id, amount, note) values (1, 9.5, E'line1\nline2\x1b[31m'), (2, null, null);
analyze;
`

func openPane(t *testing.T) *Model {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	admin.Exec(ctx, "drop database if exists schema_pane with (force)") //nolint:errcheck
	if _, err := admin.Exec(ctx, "create database schema_pane"); err != nil {
		t.Fatal(err)
	}
	c, err := pgx.Connect(ctx, srv.ConnString("schema_pane"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, paneFixture); err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)
	d, err := db.Open(ctx, db.Config{DSN: srv.ConnString("schema_pane")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 10*time.Second)
	m.SetSize(140, 30)
	drain(t, m, m.Init())
	return m
}

// drain runs cmd and feeds its messages back into m as the runtime would.
func drain(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 100; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil, pane.StatusMsg:
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// keyMsg builds the key press a terminal sends for a key name.
func keyMsg(k string) tea.KeyPressMsg { return uitest.Key(k) }

func press(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drain(t, m, cmd)
	}
}

func screen(m *Model) string { return ansi.Strip(m.View()) }

func TestPaneListFilterAndTabs(t *testing.T) {
	m := openPane(t)
	v := screen(m)
	for _, want := range []string{"app.orders", `app."Weird ""Name"" ☃"`, "  t app.events_2024", "▸ app.events", "Columns"} {
		if !strings.Contains(v, want) {
			t.Errorf("first frame lacks %q:\n%s", want, v)
		}
	}
	if strings.Count(v, "\n") != 29 {
		t.Errorf("view is %d lines, want 30", strings.Count(v, "\n")+1)
	}
	// The filter captures typing (q and digits are text) and Esc leaves it.
	press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("filter open but not capturing")
	}
	press(t, m, "o", "r", "d")
	if m.Selected() == nil || m.Selected().Name != "orders" {
		t.Fatalf("filter ord selected %+v", m.Selected())
	}
	v = screen(m)
	if strings.Contains(v, "app.users") || !strings.Contains(v, "/ord") {
		t.Errorf("filtered list:\n%s", v)
	}
	press(t, m, "esc")
	if m.Capturing() || !strings.Contains(screen(m), "app.users") {
		t.Error("esc should close and clear the filter")
	}
	// Fuzzy: "aus" matches app.users by scattered letters.
	press(t, m, "/", "a", "u", "s", "enter")
	if m.Capturing() || m.Selected() == nil || m.Selected().Name != "users" {
		t.Fatalf("fuzzy filter selected %+v", m.Selected())
	}
	press(t, m, "esc", "/", "o", "r", "d", "enter")
	// Findings are marked in the list and shown in their tab.
	if !strings.Contains(screen(m), "* t app.orders") {
		t.Errorf("orders should carry a warning marker:\n%s", screen(m))
	}
	press(t, m, "[")
	if v := screen(m); !strings.Contains(v, "float-money app.orders.amount") || !strings.Contains(v, "fix: ALTER TABLE app.orders") {
		t.Errorf("findings tab:\n%s", v)
	}
	// DDL tab.
	press(t, m, "[", "[")
	if v := screen(m); !strings.Contains(v, "CREATE TABLE app.orders (") || !strings.Contains(v, "ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY") {
		t.Errorf("ddl tab:\n%s", v)
	}
	// Rows tab: loaded in a command, control characters escaped.
	press(t, m, "]")
	v = screen(m)
	if !strings.Contains(v, `line1\nline2\x1b[31m`) || !strings.Contains(v, "∅") || strings.Contains(m.View(), "\x1b[31m") {
		t.Errorf("rows tab:\n%s", v)
	}
}

func TestPaneRelationsJumpAndShowTable(t *testing.T) {
	m := openPane(t)
	_, cmd := m.Update(pane.ShowTableMsg{Schema: "app", Name: "orders"})
	drain(t, m, cmd)
	if m.Selected() == nil || m.Selected().Name != "orders" {
		t.Fatalf("ShowTableMsg selected %+v", m.Selected())
	}
	press(t, m, "]", "]", "]") // Relations
	if v := screen(m); !strings.Contains(v, "references app.users (id)") {
		t.Fatalf("relations tab:\n%s", v)
	}
	press(t, m, "l", "enter")
	if m.Selected() == nil || m.Selected().Name != "users" {
		t.Fatalf("jump went to %+v", m.Selected())
	}
	if v := screen(m); !strings.Contains(v, "referenced by app.orders") {
		t.Errorf("users relations:\n%s", v)
	}
	// Jumping back from the referencing side.
	press(t, m, "l", "enter")
	if m.Selected() == nil || m.Selected().Name != "orders" {
		t.Errorf("jump back went to %+v", m.Selected())
	}
	// A hidden target clears the filter.
	press(t, m, "/", "w", "e", "i", "r", "d", "enter")
	_, cmd = m.Update(pane.ShowTableMsg{Schema: "app", Name: "users"})
	drain(t, m, cmd)
	if m.Selected() == nil || m.Selected().Name != "users" || m.list.filter != "" {
		t.Errorf("show hidden table: %+v filter %q", m.Selected(), m.list.filter)
	}
	// Stale envelopes are dropped.
	before := m.cat
	m.Update(pane.Envelope{To: pane.Schema, Seq: 0, Msg: loadedMsg{}})
	if m.cat != before {
		t.Error("stale load applied")
	}
}
