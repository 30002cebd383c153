package plan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// runAll runs cmd and the batches it returns, collecting the messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// deliver runs cmd and hands its messages to the pane, as the root does
// for envelopes; it returns the messages meant for the root.
func deliver(m *Model, cmd tea.Cmd) []tea.Msg {
	var others []tea.Msg
	for _, msg := range runAll(cmd) {
		if e, ok := msg.(pane.Envelope); ok && e.To == pane.Plan {
			others = append(others, deliver(m, func() tea.Cmd { _, c := m.Update(e); return c }())...)
			continue
		}
		others = append(others, msg)
	}
	return others
}

func TestFixKeysWithoutDatabase(t *testing.T) {
	m := openPlan(t, fixture(t, "plans/innerloops-analyze.txt"), 140, 30)
	press(m, "h")
	if v := view(m); !strings.Contains(v, "no database connection") {
		t.Errorf("h without a database:\n%s", v)
	}
	press(m, "w")
	if v := view(m); !strings.Contains(v, "nothing to write yet") {
		t.Errorf("w before h:\n%s", v)
	}
}

// TestFixNoHypoPGNoFolder: without hypopg, h says how to install it and
// keeps the proposal; without a migrations folder, w asks to create
// ./migrations and then writes a clean migration there.
func TestFixNoHypoPGNoFolder(t *testing.T) {
	ctx := context.Background()
	s, err := pgtmp.Start(ctx, pgtmp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Exec(ctx, `create table items (id int primary key, owner int, note text);
		insert into items select i, i % 5000, 'x' from generate_series(1, 100000) i; analyze items`)
	c.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(ctx, db.Config{DSN: s.ConnString("postgres")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 0).WithFixLoop(d, "")
	m.SetSize(140, 30)
	// As Slow queries' p sends it: a generic plan and its statement.
	const sql = "SELECT id FROM items WHERE owner = $1"
	src, err := d.GenericPlan(ctx, sql, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(pane.OpenPlanMsg{Source: src, SQL: sql, Title: "generic"})
	if st, ok := m.Statement(); !ok || st.NParams != 1 {
		t.Fatalf("statement not kept: %+v %v", st, m.err)
	}
	press(m, "h")
	if !m.Capturing() || !strings.Contains(view(m), "$1 of 1") {
		t.Fatalf("no prompt:\n%s", view(m))
	}
	for _, r := range "42\x01" { // a control character is shown escaped
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if v := view(m); strings.ContainsRune(v, 1) {
		t.Error("control character written raw")
	}
	m.Update(keyMsg("backspace"))
	_, cmd := m.Update(keyMsg("enter"))
	deliver(m, cmd)
	v := view(m)
	if m.Capturing() || !strings.Contains(v, "CREATE EXTENSION hypopg") || m.compareView {
		t.Fatalf("no install advice:\n%s", v)
	}
	if se := m.Session(); se == nil || se.Before == nil || se.Before.Mode != "analyze" || len(se.Statement.Params) != 1 {
		t.Fatalf("session: %+v", se)
	}

	t.Chdir(t.TempDir())
	_, cmd = m.Update(keyMsg("w"))
	out := deliver(m, cmd)
	var ask *pane.ConfirmMsg
	for _, msg := range out {
		if c, ok := msg.(pane.ConfirmMsg); ok {
			ask = &c
		}
	}
	if ask == nil || !strings.Contains(ask.Question, "No migrations folder found") {
		t.Fatalf("no question about the folder: %+v", out)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Plan, Action: ask.Action})
	out = deliver(m, cmd)
	files, _ := filepath.Glob(filepath.Join("migrations", "*_add_items_owner_idx.up.sql"))
	if len(files) != 1 {
		t.Fatalf("written: %v\n%s", files, view(m))
	}
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_owner_idx ON items (owner)") {
		t.Errorf("file:\n%s", b)
	}
	if v := view(m); !strings.Contains(v, "lint clean") {
		t.Errorf("lint not shown:\n%s", v)
	}
	handed := false
	for _, msg := range out {
		if e, ok := msg.(pane.Envelope); ok && e.To == pane.Migrations {
			_, handed = e.Msg.(pane.FixMsg)
		}
	}
	if !handed {
		t.Errorf("the session was not handed to the Migrations pane: %+v", out)
	}
}
