package activity

import "charm.land/bubbles/v2/key"

// KeyMap is the Activity pane's keys. Every action is a field so the
// configuration file can remap it.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	// Pause stops and resumes the automatic refresh.
	Pause key.Binding
	// Cancel and Terminate signal the selected backend (read-write mode,
	// confirmed).
	Cancel, Terminate key.Binding
	Refresh           key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Pause:     key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space/p", "pause/resume refresh")),
		Cancel:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cancel query (read-write)")),
		Terminate: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "terminate backend (read-write)")),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh now")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Pause, k.Cancel, k.Terminate, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Pause, k.Refresh}, {k.Cancel, k.Terminate}}
}
