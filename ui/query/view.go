package query

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/widget"
)

func (m *Model) grid() *widget.Grid {
	if m.cur < len(m.sets) {
		return m.sets[m.cur].grid
	}
	return nil
}

// View implements pane.Pane: editor, status line, messages, results.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	edH := max(min(m.height*2/5, 15), 3)
	msgs := m.messages
	if len(msgs) > 4 {
		msgs = msgs[len(msgs)-4:]
	}
	gridH := m.height - edH - 1 - len(msgs)
	m.editor.Width, m.editor.Height = m.width, edH
	out := []string{m.editor.View(m.editorStyles(), !m.gridFocus, m.errAt)}
	for strings.Count(out[0], "\n") < edH-1 {
		out[0] += "\n"
	}
	if m.prompt != nil {
		out = append(out, m.prompt.view(m.width))
	} else {
		out = append(out, m.statusLine())
	}
	for _, l := range msgs {
		st := m.styles.Muted
		if strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "FATAL") {
			st = m.styles.Error
		}
		out = append(out, st.Render(ansi.Truncate(l, m.width, "…")))
	}
	if gridH > 0 {
		out = append(out, m.results(gridH))
	}
	lines := strings.Split(strings.Join(out, "\n"), "\n")
	if m.pop != nil && !m.gridFocus {
		m.overlayPopup(lines[:min(len(lines), m.height)])
	}
	return fitBox(strings.Join(lines, "\n"), m.width, m.height)
}

func (m *Model) results(h int) string {
	g := m.grid()
	if g == nil {
		return ""
	}
	g.Width, g.Height = m.width, h
	st := widget.GridStyles{Header: m.styles.Bold, Null: m.styles.Muted, Cursor: m.styles.Selected,
		CursorRow: lipgloss.NewStyle(), Muted: m.styles.Muted}
	if m.gridFocus {
		st.CursorRow = lipgloss.NewStyle().Underline(true)
	} else {
		st.Cursor = lipgloss.NewStyle()
	}
	switch {
	case m.inspect:
		col, v, null, ok := g.Cell()
		if !ok {
			return ""
		}
		lines := append([]string{m.styles.Title.Render(safetext.Display(col.Name)) + m.styles.Muted.Render("  (esc closes)")},
			widget.Inspect(v, null, m.width)...)
		off := min(m.inspectOff, max(len(lines)-h, 0))
		return strings.Join(lines[off:min(len(lines), off+h)], "\n")
	case m.record:
		return g.RecordView(st, 0)
	}
	return g.View(st)
}

func (m *Model) statusLine() string {
	var parts []string
	switch {
	case m.busy:
		parts = append(parts, m.styles.Warning.Render("running… (ctrl+c cancels)"))
	case m.tx == 'T':
		parts = append(parts, m.styles.Warning.Render("in transaction"))
	case m.tx == 'E':
		parts = append(parts, m.styles.Error.Render("failed transaction: ROLLBACK to continue"))
	default:
		parts = append(parts, m.styles.OK.Render("idle"))
	}
	if g := m.grid(); g != nil {
		s := fmt.Sprintf("result %d/%d: %d rows", m.cur+1, len(m.sets), len(g.Rows))
		if r := m.sets[m.cur].res; r != nil {
			if r.More {
				s += fmt.Sprintf(" — stopped at the %s limit, more rows exist (f8 fetches more)", r.CappedBy)
			}
			if m.timing || !m.busy {
				s += fmt.Sprintf(" in %.1f ms", float64(r.Duration.Microseconds())/1000)
			}
		}
		parts = append(parts, s)
	}
	if m.record {
		parts = append(parts, "\\x on")
	}
	return ansi.Truncate(strings.Join(parts, "  "), m.width, "…")
}

func (m *Model) editorStyles() widget.EditorStyles {
	p := m.styles.Palette
	base := lipgloss.NewStyle()
	return widget.EditorStyles{
		Text:      base.Foreground(p.Fg),
		Keyword:   base.Foreground(p.Accent).Bold(true),
		String:    base.Foreground(p.OK),
		Number:    base.Foreground(p.Info),
		Comment:   base.Foreground(p.Muted).Italic(true),
		Operator:  base.Foreground(p.Fg),
		Gutter:    base.Foreground(p.Muted),
		Cursor:    base.Reverse(true),
		Bracket:   base.Bold(true).Underline(true).Foreground(p.Warn),
		ErrorMark: base.Reverse(true).Foreground(p.Err),
	}
}

// fitBox cuts a rendering to the pane's rectangle.
func fitBox(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(lines, "\n")
}
