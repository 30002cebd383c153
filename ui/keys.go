package ui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is the console's global keys. Keys that type text (digits, q,
// ?, Tab) are used only when the focused pane has no text input; the
// others (Alt+digit, F1, Ctrl+Q, Ctrl+C) work everywhere.
type KeyMap struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Cancel    key.Binding
	Help      key.Binding
	HelpAny   key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	GotoAlt   key.Binding
	GotoDigit key.Binding
	Refresh   key.Binding
}

// DefaultKeyMap returns the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+q"), key.WithHelp("ctrl+q", "quit from anywhere")),
		Cancel:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "cancel running work, else quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		HelpAny:   key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help from anywhere")),
		NextPane:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		GotoAlt: key.NewBinding(key.WithKeys("alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7", "alt+8", "alt+9"),
			key.WithHelp("alt+1…9", "go to pane, from anywhere")),
		GotoDigit: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…9", "go to pane")),
		Refresh:   key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "refresh pane")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.GotoDigit, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.GotoDigit, k.GotoAlt, k.NextPane, k.PrevPane},
		{k.Help, k.HelpAny, k.Refresh},
		{k.Cancel, k.Quit, k.ForceQuit},
	}
}
