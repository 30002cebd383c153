package query

import (
	"context"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

func newPane(t testing.TB, readWrite bool, stateDir string) *Model {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("postgres"), ReadWrite: readWrite})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), stateDir)
	m.SetSize(100, 30)
	return m
}

// drain feeds the messages cmd produces back into m, as the runtime
// would, and returns the messages addressed to the root.
func drain(t testing.TB, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var toRoot []tea.Msg
	queue := []tea.Cmd{cmd}
	deadline := time.Now().Add(30 * time.Second)
	for len(queue) > 0 && time.Now().Before(deadline) {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case pane.Envelope:
			_, next := m.Update(msg)
			queue = append(queue, next)
		case nil:
		default:
			toRoot = append(toRoot, msg)
		}
	}
	return toRoot
}

// typeText sends each rune as a key press.
func typeText(m *Model, s string) {
	for _, r := range s {
		if r == '\n' {
			m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
			continue
		}
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}
