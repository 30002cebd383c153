// Package uitest holds what the panes' tests share: a throwaway server
// for TestMain, a database per test, key presses as a terminal sends
// them, and a loop that runs a pane's commands and feeds its envelopes
// back the way the root model would. Only tests import it.
package uitest

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// NewDB creates database name on srv, runs setup in it, and returns a
// connection to it (closed when the test ends) for the test's workload.
func NewDB(t testing.TB, srv *pgtmp.Server, name, setup string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
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

// named are the keys whose names are not the text they type.
var named = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
	"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
}

// Key builds the key press a terminal sends for a key name as bubbletea
// spells it: "q", "G", "enter", "pgdown", "ctrl+c", "alt+2", "shift+tab".
func Key(k string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(k, "ctrl+") && len(k) > 5:
			mod |= tea.ModCtrl
			k = k[5:]
			continue
		case strings.HasPrefix(k, "alt+") && len(k) > 4:
			mod |= tea.ModAlt
			k = k[4:]
			continue
		case strings.HasPrefix(k, "shift+") && len(k) > 6:
			mod |= tea.ModShift
			k = k[6:]
			continue
		}
		break
	}
	if code, ok := named[k]; ok {
		msg := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(k)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// Drain runs cmd and what follows from it, feeding envelopes addressed to
// p back into it as the root would, until nothing is left; messages for
// the root (focus, status, confirm, open plan…) are returned in order.
// An envelope for another pane fails the test. Commands run
// synchronously, so a test must not drain a timer it does not want to
// wait for.
func Drain(t testing.TB, p pane.Pane, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for cmd != nil {
		msg := cmd()
		cmd = nil
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				out = append(out, Drain(t, p, c)...)
			}
		case pane.Envelope:
			if msg.To != p.ID() {
				t.Fatalf("envelope for %s reached %s", msg.To, p.ID())
			}
			_, cmd = p.Update(msg)
		case nil:
		default:
			out = append(out, msg)
		}
	}
	return out
}

// Press sends each key to p and drains what it starts.
func Press(t testing.TB, p pane.Pane, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := p.Update(Key(k))
		out = append(out, Drain(t, p, cmd)...)
	}
	return out
}

// Open connects to database name on srv (read-write when rw), builds the
// pane with build, gives it a 160×40 area and drains its first load.
func Open[P pane.Pane](t testing.TB, srv *pgtmp.Server, name string, rw bool, build func(*db.DB) P) P {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString(name), ReadWrite: rw})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	p := build(d)
	p.SetSize(160, 40)
	Drain(t, p, p.Init())
	return p
}
