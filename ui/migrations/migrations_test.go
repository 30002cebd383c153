package migrations

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// setup makes a database at golang-migrate version 1 with a big table,
// and a folder with one applied, one safe and one dangerous pending file.
func setup(t *testing.T, name string, rw bool) (*Model, string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	dsn := srv.ConnString(name)
	conn, err = pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE accounts (id int); INSERT INTO accounts SELECT generate_series(1, 5000); ANALYZE accounts; CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null); INSERT INTO schema_migrations VALUES (1, false)`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for n, body := range map[string]string{
		"001_accounts.up.sql":      "CREATE TABLE accounts (id int);\n",
		"001_accounts.down.sql":    "DROP TABLE accounts;\n",
		"002_notes.up.sql":         "CREATE TABLE notes (id int, body text);\n",
		"002_notes.down.sql":       "DROP TABLE notes;\n",
		"003_index.up.sql":         "CREATE INDEX accounts_id ON accounts (id);\n",
		"003_index.down.sql":       "DROP INDEX accounts_id;\n",
		"004_weird\x1b[31m.up.sql": "SELECT 1;\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := db.Open(ctx, db.Config{DSN: dsn, ReadWrite: rw})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	m := New(d, dir, theme.NewStyles(true, true), DefaultKeyMap(), 10*time.Second)
	m.SetSize(120, 40)
	drain(t, m, m.Init())
	return m, dsn
}

// drain runs cmd and feeds its messages back until none is left; the
// messages not meant for the pane are returned.
func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for cmd != nil {
		msg := cmd()
		cmd = nil
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				out = append(out, drain(t, m, c)...)
			}
		case pane.Envelope:
			_, cmd = m.Update(msg)
		default:
			out = append(out, msg)
		}
	}
	return out
}

func press(t *testing.T, m *Model, k string) []tea.Msg {
	t.Helper()
	var msg tea.KeyPressMsg
	if k == "down" {
		msg = tea.KeyPressMsg{Code: tea.KeyDown}
	} else {
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	_, cmd := m.Update(msg)
	return drain(t, m, cmd)
}

func TestPaneReadOnly(t *testing.T) {
	m, _ := setup(t, "ro", false)
	v := ansi.Strip(m.View())
	for _, want := range []string{"golang-migrate history", "applied  1", "pending  2", "pending  3", "DANGEROUS", "read-only: restart with --read-write", "CREATE TABLE accounts"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(m.View(), "\x1b[31m") {
		t.Error("a control sequence from a file name reached the view")
	}
	press(t, m, "down")
	press(t, m, "down")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "create-index-not-concurrently line 1") || !strings.Contains(v, "> pending  3") ||
		!strings.Contains(v, "\n    on public.accounts (") || !strings.Contains(v, "~5k rows) this holds SHARE for ~") {
		t.Errorf("selected 3: want its lint finding inline:\n%s", v)
	}
	msgs := press(t, m, "a")
	if len(msgs) != 1 || !strings.Contains(fmt.Sprint(msgs[0].(pane.StatusMsg).Err), "--read-write") {
		t.Errorf("apply in read-only mode: %v, want an explanation", msgs)
	}
}

func TestPaneApplyRevert(t *testing.T) {
	m, dsn := setup(t, "rw", true)
	press(t, m, "down")
	press(t, m, "down")
	msgs := press(t, m, "a")
	c, ok := msgs[0].(pane.ConfirmMsg)
	if !ok || !c.Danger || !strings.Contains(c.Question, "Apply 2 migration(s), up to 3") {
		t.Fatalf("apply: %+v, want a dangerous confirmation for 2 migrations", msgs)
	}
	_, cmd := m.Update(pane.ConfirmedMsg{To: pane.Migrations, Action: c.Action})
	drain(t, m, cmd)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "applied  3") || !strings.Contains(v, "pgdeck history") {
		t.Errorf("after apply:\n%s", v)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var ok2 bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass('accounts_id') IS NOT NULL AND to_regclass('notes') IS NOT NULL").Scan(&ok2); err != nil || !ok2 {
		t.Errorf("migrations 2 and 3 not applied: %v", err)
	}
	msgs = press(t, m, "x")
	c, ok = msgs[0].(pane.ConfirmMsg)
	if !ok || !c.Danger || !strings.Contains(c.Question, "Revert migration 3") {
		t.Fatalf("revert: %+v", msgs)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Migrations, Action: c.Action})
	drain(t, m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "pending  3") {
		t.Errorf("after revert:\n%s", v)
	}
}
