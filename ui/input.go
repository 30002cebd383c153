package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/ui/pane"
)

// handleKey applies the global keys that apply in the current state and
// passes everything else to the focused pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.layout.TooSmall {
		// Nothing is drawn but the notice, so no key may act unseen: only
		// the quit keys the notice names work.
		if key.Matches(msg, m.keys.ForceQuit) || key.Matches(msg, m.keys.Cancel) {
			m.confirm, m.showHelp = nil, false
			m.quitting = true
			return tea.Quit
		}
		return nil
	}
	if m.confirm != nil {
		return m.answerConfirm(msg)
	}
	if m.showHelp {
		switch msg.String() {
		case "esc", "?", "q", "f1", "enter":
			m.showHelp = false
		}
		if key.Matches(msg, m.keys.ForceQuit) || key.Matches(msg, m.keys.Cancel) {
			m.showHelp = false
			return m.quit()
		}
		return nil
	}
	capturing := m.Focused().Capturing()
	switch {
	case key.Matches(msg, m.keys.Cancel):
		if m.busy() {
			m.message, m.lastErr = "cancelling…", nil
			var cmds []tea.Cmd
			for i, p := range m.panes {
				if p.Busy() {
					var cmd tea.Cmd
					m.panes[i], cmd = p.Update(pane.CancelMsg{})
					cmds = append(cmds, cmd)
				}
			}
			return tea.Batch(cmds...)
		}
		return m.quit()
	case key.Matches(msg, m.keys.ForceQuit):
		return m.quit()
	case key.Matches(msg, m.keys.HelpAny):
		m.showHelp = true
		return nil
	case key.Matches(msg, m.keys.GotoAlt):
		return m.focus(digit(msg.String()))
	case key.Matches(msg, m.keys.Refresh):
		return m.updateFocused(pane.RefreshMsg{})
	}
	if !capturing {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Help):
			m.showHelp = true
			return nil
		case key.Matches(msg, m.keys.GotoDigit):
			return m.focus(digit(msg.String()))
		case key.Matches(msg, m.keys.NextPane):
			return m.focus((m.active + 1) % len(m.panes))
		case key.Matches(msg, m.keys.PrevPane):
			return m.focus((m.active + len(m.panes) - 1) % len(m.panes))
		}
	}
	return m.updateFocused(msg)
}

// digit turns "alt+3" or "3" into the pane index 2.
func digit(s string) int {
	s = strings.TrimPrefix(s, "alt+")
	if len(s) != 1 || s[0] < '1' || s[0] > '9' {
		return -1
	}
	return int(s[0] - '1')
}

// quit leaves the console, asking first when a transaction is open.
func (m *Model) quit() tea.Cmd {
	if m.inTransaction() {
		m.confirm = &pane.ConfirmMsg{
			Question: "A transaction is open in the query session. Quit and roll it back?",
			Danger:   true,
			Action:   quitAction{},
		}
		return nil
	}
	m.quitting = true
	return tea.Quit
}

// answerConfirm handles y/n in the confirm dialog. A dangerous question
// needs an explicit "y"; Enter alone means yes only for harmless ones.
func (m *Model) answerConfirm(msg tea.KeyPressMsg) tea.Cmd {
	c := m.confirm
	yes := msg.String() == "y" || msg.String() == "Y" || (msg.String() == "enter" && !c.Danger)
	no := msg.String() == "n" || msg.String() == "N" || msg.String() == "esc" || msg.String() == "ctrl+c" || (msg.String() == "enter" && c.Danger)
	switch {
	case yes:
		m.confirm = nil
		if _, ok := c.Action.(quitAction); ok {
			m.quitting = true
			return tea.Quit
		}
		return m.send(c.From, pane.ConfirmedMsg{To: c.From, Action: c.Action})
	case no:
		m.confirm = nil
		m.message = "cancelled"
	}
	return nil
}

// handleClick switches panes from the tab bar; other clicks go to the
// focused pane with coordinates relative to its area.
func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.layout.TooSmall {
		return nil
	}
	if mouse.Y == m.layout.Tabs.Y {
		x := 0
		for i, p := range m.panes {
			w := ansi.StringWidth(m.tabLabel(i, p, false))
			if mouse.X >= x && mouse.X < x+w {
				return m.focus(i)
			}
			x += w
		}
		return nil
	}
	if mouse.Y >= m.layout.Body.Y && mouse.Y < m.layout.Body.Y+m.layout.Body.H {
		mouse.Y -= m.layout.Body.Y
		return m.updateFocused(tea.MouseClickMsg(mouse))
	}
	return nil
}

// WheelLines is how many lines one notch of the mouse wheel scrolls.
const WheelLines = 3

// handleWheel scrolls the focused pane: every pane moves through its
// content with the arrow keys, so a notch is WheelLines of them. The
// wheel over the tab bar switches panes.
func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.layout.TooSmall || m.confirm != nil || m.showHelp {
		return nil
	}
	up := mouse.Button == tea.MouseWheelUp
	if mouse.Button != tea.MouseWheelUp && mouse.Button != tea.MouseWheelDown {
		return nil
	}
	if mouse.Y == m.layout.Tabs.Y {
		if up {
			return m.focus((m.active + len(m.panes) - 1) % len(m.panes))
		}
		return m.focus((m.active + 1) % len(m.panes))
	}
	code := tea.KeyDown
	if up {
		code = tea.KeyUp
	}
	cmds := make([]tea.Cmd, WheelLines)
	for i := range cmds {
		cmds[i] = m.updateFocused(tea.KeyPressMsg{Code: code})
	}
	return tea.Batch(cmds...)
}
