package plan

import "charm.land/bubbles/v2/key"

// KeyMap is the Plan pane's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Toggle, ExpandAll, CollapseAll          key.Binding
	Hottest                                 key.Binding
	Search, NextMatch, PrevMatch            key.Binding
	Findings, Detail                        key.Binding
	Jump                                    key.Binding
	Compare                                 key.Binding
	Back                                    key.Binding
	// Hypo, Write and Save are the fix loop's keys: try the proposed
	// index with hypopg, write it as a migration, save the session.
	Hypo, Write, Save key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first node")),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last node")),
		Toggle:      key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", "collapse/expand")),
		ExpandAll:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "expand all")),
		CollapseAll: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "collapse all")),
		Hottest:     key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hottest node")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search type or relation")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Findings:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "findings")),
		Detail:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "details on/off")),
		Jump:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to node")),
		Compare:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare before/after")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to tree")),
		Hypo:        key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "fix: try the proposed index (hypopg)")),
		Write:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "fix: write the migration")),
		Save:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "fix: save the session as Markdown")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.Search, k.Findings, k.Hottest, k.Compare, k.Hypo, k.Write}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Toggle, k.ExpandAll, k.CollapseAll, k.Hottest},
		{k.Search, k.NextMatch, k.PrevMatch},
		{k.Findings, k.Jump, k.Detail, k.Compare, k.Back},
		{k.Hypo, k.Write, k.Save},
	}
}
