package health

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	s, err := pgtmp.Start(context.Background(), pgtmp.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start throwaway server:", err)
		return 1
	}
	defer s.Close()
	srv = s
	return m.Run()
}

// newDB creates database name, runs setup in it and returns a connection
// to it for the workload.
func newDB(t *testing.T, name, setup string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	if setup != "" {
		if _, err := conn.Exec(ctx, setup); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// open builds the pane on database name and loads its first sample.
func open(t *testing.T, name string, rw bool) *Model {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString(name), ReadWrite: rw})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 10*time.Second)
	m.SetSize(160, 40)
	drain(t, m, m.Init())
	return m
}

// drain runs cmd and feeds envelopes back into the pane until none is
// left; the other messages (for the root) are returned.
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
			if msg.To != pane.Health {
				t.Fatalf("envelope for %s", msg.To)
			}
			_, cmd = m.Update(msg)
		case nil:
		default:
			out = append(out, msg)
		}
	}
	return out
}

func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		out = append(out, drain(t, m, cmd)...)
	}
	return out
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}
