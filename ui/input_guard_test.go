package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/ui/pane"
)

// TestNoInputActsUnseen: while the "Terminal too small" notice or a
// dialog is up, keys and pastes never reach the pane (issue 11 item 4).
func TestNoInputActsUnseen(t *testing.T) {
	a := &inputPane{id: "a", capturing: true}
	m := newTestModel(t, a)
	m.Update(pane.ConfirmMsg{From: "a", Question: "Terminate backend?", Danger: true, Action: "kill"})
	m.Update(tea.PasteMsg{Content: "drop table t"})
	if a.typed != "" {
		t.Fatalf("paste reached the pane under a dialog: %q", a.typed)
	}
	m.Update(tea.WindowSizeMsg{Width: 20, Height: 5})
	press(m, "y")
	if len(a.confirmed) != 0 {
		t.Fatalf("an invisible dialog was answered: %v", a.confirmed)
	}
	press(m, "T")
	m.Update(tea.PasteMsg{Content: "x"})
	if a.typed != "" {
		t.Fatalf("input reached the pane behind the too-small notice: %q", a.typed)
	}
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl}); !isQuit(cmd) {
		t.Fatal("ctrl+q does not quit from the too-small notice")
	}
}
