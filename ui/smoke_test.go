package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/jackc/pgx/v5"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// TestConsoleSmoke runs the real console program (all default panes, a
// real database) in teatest's virtual terminal: it draws, loads the
// Overview in the background, switches panes and quits cleanly.
func TestConsoleSmoke(t *testing.T) {
	d := openDB(t, false)
	m := New(Deps{DB: d, NoColor: true, Keys: DefaultKeyMap()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 35))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Cache hit ratio")) && bytes.Contains(b, []byte("[read-only]"))
	}, teatest.WithDuration(20*time.Second))
	tm.Send(tea.KeyPressMsg{Code: '?', Text: "?"})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Global keys")) }, teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if !tm.FinalModel(t).(*Model).quitting {
		t.Error("console did not quit through its quit path")
	}
}

// TestEveryPaneAtMinimumSize draws every default pane at the smallest
// size the console accepts, and at a few odd ones, after its first load:
// no panic, and nothing wider than the terminal.
func TestEveryPaneAtMinimumSize(t *testing.T) {
	d := openDB(t, false)
	m := New(Deps{DB: d, NoColor: true, Keys: DefaultKeyMap()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	drain(t, m, m.Init())
	for _, size := range [][2]int{{MinWidth, MinHeight}, {41, 9}, {200, 8}, {40, 60}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for i := range m.panes {
			m.focus(i)
			out := m.render()
			lines := strings.Split(out, "\n")
			if len(lines) > size[1] {
				t.Errorf("%s at %dx%d: %d lines", m.panes[i].Title(), size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%s at %dx%d: a line %d wide: %q", m.panes[i].Title(), size[0], size[1], w, ansi.Strip(l))
					break
				}
			}
		}
	}
}

// TestKilledBackendsWhileOpen terminates every pgdeck connection while
// the console is open: the next refresh either says the connection was
// lost or quietly reconnects, and the one after works — never a panic or
// a stuck pane.
func TestKilledBackendsWhileOpen(t *testing.T) {
	d := openDB(t, false)
	m := New(Deps{DB: d, NoColor: true, Keys: DefaultKeyMap()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	drain(t, m, m.Init())
	ctx := context.Background()
	killer, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(ctx)
	var killed int
	if err := killer.QueryRow(ctx, "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'pgdeck' and pid <> pg_backend_pid()").Scan(&killed); err != nil || killed == 0 {
		t.Fatalf("terminated %d backends: %v", killed, err)
	}
	time.Sleep(200 * time.Millisecond)
	drain(t, m, m.updateFocused(pane.RefreshMsg{}))
	first := ansi.Strip(m.render())
	if m.lastErr != nil && !strings.Contains(first, "error:") {
		t.Fatalf("an error happened but the status bar does not say so:\n%s", first)
	}
	m.lastErr = nil
	drain(t, m, m.updateFocused(pane.RefreshMsg{}))
	if m.lastErr != nil {
		t.Fatalf("second refresh after the kill still fails: %v", m.lastErr)
	}
	if out := ansi.Strip(m.render()); !strings.Contains(out, "Cache hit ratio") {
		t.Fatalf("overview not drawn after reconnecting:\n%s", out)
	}
}
