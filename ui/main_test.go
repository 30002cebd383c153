package ui

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/pgdeck/pgdeck/ui/uitest"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

func openDB(t *testing.T, readWrite bool) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("postgres"), ReadWrite: readWrite})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// drain runs cmd and feeds the messages it produces back into m, the way
// the bubbletea runtime would, but only for commands that finish within a
// second: ticks that wait for the next refresh are left unrun.
func drain(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 200; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		out := make(chan tea.Msg, 1)
		go func() { out <- c() }()
		var msg tea.Msg
		select {
		case msg = <-out:
		case <-time.After(time.Second):
			continue
		}
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil, spinner.TickMsg:
			// The spinner ticks forever; one turn is enough.
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// keyMsg builds the key press a terminal sends for a key name.
func keyMsg(k string) tea.KeyPressMsg { return uitest.Key(k) }
