package slow

import "charm.land/bubbles/v2/key"

// KeyMap is the Slow queries pane's keys. Every action is a field so the
// configuration file can remap it.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// Sort cycles the sort column; Reverse flips the order.
	Sort, Reverse key.Binding
	// Detail opens the selected statement's figures; Back closes them.
	Detail, Back key.Binding
	// Plan opens the selected statement's generic plan in the Plan pane.
	Plan key.Binding
	// Reset empties pg_stat_statements (read-write mode, confirmed).
	Reset   key.Binding
	Refresh key.Binding
	// Own shows or hides pgdeck's own diagnostic statements.
	Own key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "last")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "next sort column")),
		Reverse:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse order")),
		Detail:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list")),
		Plan:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "generic plan")),
		Reset:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "reset statistics (read-write)")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "sample now")),
		Own:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "show/hide pgdeck's own queries")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Sort, k.Reverse, k.Detail, k.Plan, k.Reset}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Sort, k.Reverse, k.Detail, k.Back},
		{k.Plan, k.Reset, k.Refresh, k.Own},
	}
}
