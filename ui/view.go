package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// View draws the console. It reads only the model: no I/O.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "pgdeck"
	if m.db != nil {
		v.WindowTitle = "pgdeck — " + safetext.Title(m.db.Info.Database, 60)
	}
	return v
}

// render returns the screen content as a string, for View and tests.
func (m *Model) render() string {
	if m.quitting {
		return ""
	}
	if m.width == 0 {
		return "starting…"
	}
	if m.layout.TooSmall {
		return m.tooSmall()
	}
	body := m.Focused().View()
	body = lipgloss.NewStyle().Width(m.layout.Body.W).Height(m.layout.Body.H).MaxHeight(m.layout.Body.H).MaxWidth(m.layout.Body.W).Render(body)
	screen := strings.Join([]string{m.tabs(), body, m.messageLine(), m.statusLine()}, "\n")
	switch {
	case m.confirm != nil:
		screen = m.overlay(screen, m.confirmBox())
	case m.showHelp:
		screen = m.overlay(screen, m.helpBox())
	}
	return screen
}

// tooSmall explains instead of drawing a broken layout.
func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("Terminal too small: %d×%d. pgdeck needs at least %d×%d. Enlarge the window, or press ctrl+q to quit.", m.width, m.height, MinWidth, MinHeight)
	wrapped := strings.Split(ansi.Wrap(msg, max(m.width, 1), ""), "\n")
	if len(wrapped) > m.height {
		wrapped = wrapped[:max(m.height, 1)]
	}
	for i, l := range wrapped {
		wrapped[i] = ansi.Truncate(l, m.width, "")
	}
	return strings.Join(wrapped, "\n")
}

func (m *Model) tabLabel(i int, p pane.Pane, active bool) string {
	label := fmt.Sprintf("%d %s", i+1, p.Title())
	if active {
		return m.styles.TabActive.Render(label)
	}
	return m.styles.TabInactive.Render(label)
}

func (m *Model) tabs() string {
	var b strings.Builder
	for i, p := range m.panes {
		b.WriteString(m.tabLabel(i, p, i == m.active))
	}
	return ansi.Truncate(b.String(), m.layout.Tabs.W, "…")
}

// messageLine shows the last error, else the last message, else the
// focused pane's key hints.
func (m *Model) messageLine() string {
	w := m.layout.Message.W
	switch {
	case m.lastErr != nil:
		return ansi.Truncate(m.styles.Error.Render("error: ")+oneLine(m.lastErr.Error()), w, "…")
	case m.message != "":
		return ansi.Truncate(m.styles.Muted.Render(oneLine(m.message)), w, "…")
	}
	hints := m.help.ShortHelpView(append(m.Focused().KeyMap().ShortHelp(), m.keys.ShortHelp()...))
	return ansi.Truncate(hints, w, "…")
}

// statusLine: connection, version, mode badge, transaction state, spinner.
func (m *Model) statusLine() string {
	var parts []string
	if m.busy() {
		parts = append(parts, m.spinner.View())
	}
	if m.db != nil {
		i := m.db.Info
		host := i.Host
		if strings.HasPrefix(host, "/") {
			host = "socket"
		}
		parts = append(parts, safetext.Display(fmt.Sprintf("%s@%s:%d/%s", i.User, host, i.Port, i.Database)))
		parts = append(parts, "PG "+safetext.Display(i.Version))
		if m.db.ReadOnly() {
			parts = append(parts, m.styles.BadgeRO.Render("[read-only]"))
		} else {
			parts = append(parts, m.styles.BadgeRW.Render("[READ-WRITE]"))
		}
		if m.db.PgBouncer() {
			parts = append(parts, m.styles.Warning.Render("[pgbouncer]"))
		}
		if i.InRecovery {
			parts = append(parts, m.styles.Info.Render("[standby]"))
		}
		switch m.db.Session.TxStatus() {
		case 'T':
			parts = append(parts, m.styles.Warning.Render("[in transaction]"))
		case 'E':
			parts = append(parts, m.styles.Error.Render("[failed transaction]"))
		case 'A':
			parts = append(parts, m.styles.Info.Render("[running]"))
		}
	}
	return ansi.Truncate(m.styles.StatusBar.Render(strings.Join(parts, "  ")), m.layout.Status.W, "…")
}

func (m *Model) confirmBox() string {
	c := m.confirm
	answer := "[y] yes  [n] no"
	if c.Danger {
		answer = "[y] yes  [n/enter] no"
	}
	text := ansi.Wrap(safetext.Block(c.Question), min(60, m.width-6), "") + "\n\n" + m.styles.Key.Render(answer)
	return m.styles.Dialog.Render(text)
}

func (m *Model) helpBox() string {
	title := m.styles.Title.Render(m.Focused().Title() + " keys")
	pk := m.help.FullHelpView(m.Focused().KeyMap().FullHelp())
	gk := m.help.FullHelpView(m.keys.FullHelp())
	text := title + "\n" + pk + "\n\n" + m.styles.Title.Render("Global keys") + "\n" + gk + "\n\n" + m.styles.Muted.Render("esc closes")
	return m.styles.Dialog.Render(text)
}

// overlay draws box centred over screen with lipgloss layers.
func (m *Model) overlay(screen, box string) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((m.width-bw)/2, 0), max((m.height-bh)/2, 0)
	c := lipgloss.NewCompositor(lipgloss.NewLayer(screen), lipgloss.NewLayer(box).X(x).Y(y).Z(1))
	return c.Render()
}

// oneLine shows a message on one line: runs of white space collapse to one
// space and anything else unsafe is escaped.
func oneLine(s string) string {
	return safetext.Display(strings.Join(strings.Fields(s), " "))
}
