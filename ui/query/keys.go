package query

import "charm.land/bubbles/v2/key"

// KeyMap is the Query pane's keys. Defaults are keys terminals really
// send: Ctrl+Enter never reaches many of them. F5 also arrives as the
// root's refresh key, which this pane takes to mean "run".
type KeyMap struct {
	Run, RunAll, Explain, ExplainAnalyze, FetchMore key.Binding
	HistPrev, HistNext, ToGrid, ToEditor            key.Binding
	Record, Inspect, NextSet, PrevSet               key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Run:            key.NewBinding(key.WithKeys("ctrl+r", "f5"), key.WithHelp("f5/ctrl+r", "run statement under cursor")),
		RunAll:         key.NewBinding(key.WithKeys("f9", "alt+r"), key.WithHelp("f9/alt+r", "run whole buffer")),
		Explain:        key.NewBinding(key.WithKeys("f6"), key.WithHelp("f6", "explain statement")),
		ExplainAnalyze: key.NewBinding(key.WithKeys("f7"), key.WithHelp("f7", "explain analyze (rolled back)")),
		FetchMore:      key.NewBinding(key.WithKeys("f8"), key.WithHelp("f8/m", "fetch more rows")),
		HistPrev:       key.NewBinding(key.WithKeys("alt+up", "ctrl+p"), key.WithHelp("ctrl+p", "previous history")),
		HistNext:       key.NewBinding(key.WithKeys("alt+down", "ctrl+n"), key.WithHelp("ctrl+n", "next history")),
		ToGrid:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "editor ↔ results")),
		ToEditor:       key.NewBinding(key.WithKeys("esc", "i", "e"), key.WithHelp("i/e", "back to editor")),
		Record:         key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "record view (\\x)")),
		Inspect:        key.NewBinding(key.WithKeys("enter", "v"), key.WithHelp("enter", "inspect cell")),
		NextSet:        key.NewBinding(key.WithKeys("]"), key.WithHelp("]/[", "next/previous result")),
		PrevSet:        key.NewBinding(key.WithKeys("[")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Run, k.RunAll, k.Explain, k.ToGrid}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Run, k.RunAll, k.Explain, k.ExplainAnalyze, k.FetchMore},
		{k.HistPrev, k.HistNext, k.ToGrid, k.ToEditor},
		{k.Record, k.Inspect, k.NextSet},
	}
}
