package schema

import "charm.land/bubbles/v2/key"

// KeyMap is the Schema pane's keys: every action is a field, so
// [keys.schema] in the config file can remap it by its snake_case name.
type KeyMap struct {
	Up, Down, PageUp, PageDown key.Binding
	Filter                     key.Binding
	LeaveFilter                key.Binding
	ClearFilter                key.Binding
	// While the filter is open letters are text, so moving and editing
	// there have their own keys.
	FilterUp, FilterDown key.Binding
	FilterBackspace      key.Binding
	FilterErase          key.Binding
	NextTab, PrevTab     key.Binding
	Detail, Back         key.Binding
	Jump                 key.Binding
	System               key.Binding
	Refresh              key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:              key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:            key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:          key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:        key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Filter:          key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		LeaveFilter:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		ClearFilter:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		FilterUp:        key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous match")),
		FilterDown:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next match")),
		FilterBackspace: key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "delete a character")),
		FilterErase:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "erase the filter")),
		NextTab:         key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next tab")),
		PrevTab:         key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous tab")),
		Detail:          key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "into details")),
		Back:            key.NewBinding(key.WithKeys("left", "h", "esc"), key.WithHelp("←/h", "back to list")),
		Jump:            key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open related table")),
		System:          key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "toggle system schemas")),
		Refresh:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Filter, k.NextTab, k.Detail, k.Jump}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Filter, k.LeaveFilter, k.ClearFilter, k.FilterUp, k.FilterDown, k.FilterBackspace, k.FilterErase},
		{k.NextTab, k.PrevTab, k.Detail, k.Back, k.Jump},
		{k.System, k.Refresh},
	}
}
