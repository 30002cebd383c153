package schema

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// listWidth is the width of the object tree.
func (m *Model) listWidth() int { return max(20, min(56, m.width*2/5)) }

// listHeight is how many entries fit under the filter line.
func (m *Model) listHeight() int { return max(1, m.height-1) }

// detailHeight is how many content lines fit under the tab bar.
func (m *Model) detailHeight() int { return max(1, m.height-2) }

// detailWidth is the width right of the list and its separator.
func (m *Model) detailWidth() int { return max(1, m.width-m.listWidth()-1) }

// View implements pane.Pane. It only reads the model: scrolling and
// caches are settled in Update and SetSize.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.cat == nil {
		msg := m.styles.Muted.Render("Loading the catalog…")
		if m.err != nil {
			msg = m.styles.Error.Render("Could not load the catalog: ") + safetext.Display(m.err.Error())
		}
		return fit([]string{msg}, m.width, m.height)
	}
	lw := m.listWidth()
	left := m.listLines(lw)
	right := m.detailLines(m.detailWidth())
	sep := m.styles.Border.Render("│")
	out := make([]string, m.height)
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		l = ansi.Truncate(l, lw, "…")
		out[i] = l + strings.Repeat(" ", max(0, lw-ansi.StringWidth(l))) + sep + r
	}
	return fit(out, m.width, m.height)
}

// fit cuts lines to the pane's rectangle.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// listLines renders the filter line and the visible part of the tree.
func (m *Model) listLines(w int) []string {
	l := &m.list
	head := m.styles.Muted.Render(fmt.Sprintf("%d objects  / filter", len(l.visible)))
	if l.filtering || l.filter != "" {
		cursor := ""
		if l.filtering {
			cursor = "█"
		}
		head = m.styles.Key.Render("/") + safetext.Display(l.filter) + cursor +
			m.styles.Muted.Render(fmt.Sprintf("  %d/%d", len(l.visible), len(l.entries)))
	}
	lines := []string{head}
	h := m.listHeight()
	for vi := l.offset; vi < len(l.visible) && vi < l.offset+h; vi++ {
		e := l.entries[l.visible[vi]]
		r := &m.cat.Relations[e.rel]
		mark := m.marker(r.Key())
		name := strings.Repeat("  ", e.depth) + kindIcon(r.Kind) + " " + safetext.Display(r.Key().String())
		stats := rowsText(r.Rows) + " " + bytesText(r.TotalBytes())
		room := w - 2 - ansi.StringWidth(stats) - 1
		name = ansi.Truncate(name, max(1, room), "…")
		line := mark + " " + name + strings.Repeat(" ", max(1, room-ansi.StringWidth(name)+1)) + m.styles.Muted.Render(stats)
		if vi == l.cursor {
			line = m.styles.Selected.Render(ansi.Strip(line))
		}
		lines = append(lines, line)
	}
	if len(l.visible) == 0 {
		lines = append(lines, m.styles.Muted.Render("no match"))
	}
	return lines
}

// marker shows the worst finding on a relation: ! error, * warning,
// · info, blank when clean — characters, so it reads without colour.
func (m *Model) marker(k catalog.Key) string {
	switch finding.Worst(m.findings[k]) {
	case finding.Error:
		return m.styles.Error.Render("!")
	case finding.Warning:
		return m.styles.Warning.Render("*")
	case finding.Info:
		return m.styles.Info.Render("·")
	}
	return " "
}

func kindIcon(k catalog.Kind) string {
	switch k {
	case catalog.Partitioned:
		return "▸"
	case catalog.View:
		return "v"
	case catalog.MatView:
		return "m"
	case catalog.ForeignTable:
		return "f"
	}
	return "t"
}

func rowsText(rows *float64) string {
	if rows == nil {
		return "?"
	}
	v := *rows
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.1fG", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.0fk", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

func bytesText(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%dB", n)
	}
	return fmt.Sprintf("%.0f%s", v, units[u])
}

// detailLines renders the tab bar and the selected tab's content.
func (m *Model) detailLines(w int) []string {
	var bar []string
	for i, t := range tabs {
		if i == m.tab {
			bar = append(bar, m.styles.TabActive.Render(t))
		} else {
			bar = append(bar, m.styles.TabInactive.Render(t))
		}
	}
	lines := []string{strings.Join(bar, "")}
	r := m.Selected()
	if r == nil {
		return append(lines, m.styles.Muted.Render("nothing selected"))
	}
	title := m.styles.Title.Render(safetext.Display(r.Qualified())) + m.styles.Muted.Render(" "+string(r.Kind))
	if r.Extension != "" {
		title += m.styles.Muted.Render(" (extension " + safetext.Display(r.Extension) + ")")
	}
	if m.checking {
		title += m.styles.Muted.Render("  checking…")
	}
	lines = append(lines, title)
	body := m.tabLines(m.shown(r), w)
	h := m.detailHeight() - 1
	for i := m.detailOffset; i < len(body) && i < m.detailOffset+h; i++ {
		line := body[i]
		if m.detailFocus && i == m.detailCursor {
			line = m.styles.Selected.Render(ansi.Strip(line))
		}
		lines = append(lines, line)
	}
	return lines
}
