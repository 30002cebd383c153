package query

import "charm.land/bubbles/v2/key"

// KeyMap is the Query pane's keys: every action of the pane is a field,
// so [keys.query] in the configuration file can remap any of them.
// Defaults are keys terminals really send: Ctrl+Enter never reaches many
// of them. F5 also arrives as the root's refresh key, which this pane
// takes to mean "run".
type KeyMap struct {
	// In the editor.
	Run, RunAll, Explain, ExplainAnalyze, FetchMore key.Binding
	HistPrev, HistNext, ToGrid, Undo, Redo          key.Binding
	Complete, RefreshCompletion                     key.Binding
	ExternalEditor, Open, Save                      key.Binding
	// In the completion popup.
	Accept, CloseCompletion, PopupUp, PopupDown key.Binding
	// In the results.
	ToEditor, Record, Inspect, CloseInspect, NextSet, PrevSet, More, CancelRun key.Binding
	Down, Up, Left, Right, PageDown, PageUp, Top, Bottom                       key.Binding
	FirstColumn, LastColumn, Export, CopyCell, CopyRow                         key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := func(keys ...string) []string { return keys }
	return KeyMap{
		Run:               b(k("ctrl+r", "f5"), "f5/ctrl+r", "run statement under cursor"),
		RunAll:            b(k("f9", "alt+r"), "f9/alt+r", "run whole buffer"),
		Explain:           b(k("f6"), "f6", "explain statement"),
		ExplainAnalyze:    b(k("f7"), "f7", "explain analyze (rolled back)"),
		FetchMore:         b(k("f8"), "f8", "fetch more rows"),
		HistPrev:          b(k("alt+up", "ctrl+p"), "ctrl+p", "previous history"),
		HistNext:          b(k("alt+down", "ctrl+n"), "ctrl+n", "next history"),
		ToGrid:            b(k("esc"), "esc", "editor → results"),
		Undo:              b(k("ctrl+z"), "ctrl+z", "undo"),
		Redo:              b(k("ctrl+y", "ctrl+shift+z"), "ctrl+y", "redo"),
		Complete:          b(k("tab", "ctrl+space"), "tab", "complete (indent if nothing to complete)"),
		RefreshCompletion: b(k("f12", "alt+c"), "f12/alt+c", "reload completion names"),
		ExternalEditor:    b(k("f4", "alt+e"), "f4/alt+e", "edit buffer in $EDITOR"),
		Open:              b(k("f3", "ctrl+o"), "f3/ctrl+o", "open .sql file"),
		Save:              b(k("f2", "ctrl+s"), "f2/ctrl+s", "save buffer to file"),
		Accept:            b(k("tab", "enter"), "tab/enter", "accept completion"),
		CloseCompletion:   b(k("esc"), "esc", "close completion"),
		PopupUp:           b(k("up", "ctrl+p"), "↑", "previous completion"),
		PopupDown:         b(k("down", "ctrl+n"), "↓", "next completion"),
		ToEditor:          b(k("esc", "i", "e"), "i/e", "back to editor"),
		Record:            b(k("x"), "x", "record view (\\x)"),
		Inspect:           b(k("enter", "v"), "enter", "inspect cell"),
		CloseInspect:      b(k("esc", "q", "enter", "v"), "esc", "close inspector"),
		NextSet:           b(k("]"), "]", "next result"),
		PrevSet:           b(k("["), "[", "previous result"),
		More:              b(k("m", "f8"), "m", "fetch more rows"),
		CancelRun:         b(k("esc"), "esc", "cancel the running statement (results)"),
		Down:              b(k("down", "j"), "↓/j", "down"),
		Up:                b(k("up", "k"), "↑/k", "up"),
		Left:              b(k("left", "h"), "←/h", "left"),
		Right:             b(k("right", "l"), "→/l", "right"),
		PageDown:          b(k("pgdown", "ctrl+f", "space"), "pgdn", "page down"),
		PageUp:            b(k("pgup", "ctrl+b"), "pgup", "page up"),
		Top:               b(k("home", "g"), "g", "first row"),
		Bottom:            b(k("end", "G"), "G", "last row"),
		FirstColumn:       b(k("0", "^"), "0", "first column"),
		LastColumn:        b(k("$"), "$", "last column"),
		Export:            b(k("w", "ctrl+s"), "w", "export result (csv/json/md)"),
		CopyCell:          b(k("y", "c"), "y", "copy cell (OSC 52)"),
		CopyRow:           b(k("Y"), "Y", "copy row as CSV (OSC 52)"),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Run, k.RunAll, k.Explain, k.Complete, k.ToGrid}
}

// FullHelp implements help.KeyMap: every binding, by mode.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Run, k.RunAll, k.Explain, k.ExplainAnalyze, k.FetchMore, k.HistPrev, k.HistNext, k.ToGrid},
		{k.Undo, k.Redo, k.Complete, k.RefreshCompletion, k.ExternalEditor, k.Open, k.Save},
		{k.Accept, k.CloseCompletion, k.PopupUp, k.PopupDown, k.ToEditor, k.Record, k.Inspect, k.CloseInspect},
		{k.NextSet, k.PrevSet, k.More, k.CancelRun, k.Down, k.Up, k.Left, k.Right, k.PageDown},
		{k.PageUp, k.Top, k.Bottom, k.FirstColumn, k.LastColumn, k.Export, k.CopyCell, k.CopyRow},
	}
}
