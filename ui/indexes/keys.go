package indexes

import "charm.land/bubbles/v2/key"

// KeyMap is the Index health pane's keys. Every action is a field so the
// configuration file can remap it.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	// Sizes switches between the findings and the table sizes.
	Sizes key.Binding
	// Exact measures the selected index or table with pgstattuple.
	Exact   key.Binding
	Refresh key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Sizes:    key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "findings / table sizes")),
		Exact:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "exact bloat (pgstattuple)")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Sizes, k.Exact, k.Refresh} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Sizes, k.Exact, k.Refresh}}
}
