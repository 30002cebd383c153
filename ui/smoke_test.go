package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
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
