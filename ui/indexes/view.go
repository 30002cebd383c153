package indexes

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// ruleOrder is how the header counts the findings.
var ruleOrder = []struct{ id, label string }{
	{"unused-index", "unused"},
	{"duplicate-index", "duplicate"},
	{"invalid-index", "invalid"},
	{"index-bloat", "index bloat"},
	{"fk-missing-index", "FK without index"},
	{"seq-scan-heavy-table", "seq-scan heavy"},
	{"table-bloat", "table bloat"},
}

func (m *Model) headerLines() []string {
	st := m.styles
	h := m.health
	lines := []string{st.Title.Render("Index health") + st.Muted.Render(fmt.Sprintf(" · %d findings · unused means no scans %s", len(m.findings), h.Since()))}
	// The thresholds are the reason a row is (or is not) listed: wrap
	// them rather than cut them.
	for _, l := range strings.Split(ansi.Wrap("thresholds: "+m.th.String(), max(m.width, 1), ""), "\n") {
		lines = append(lines, st.Muted.Render(l))
	}
	counts := map[string]int{}
	for _, f := range m.findings {
		counts[f.Rule]++
	}
	parts := make([]string, 0, len(ruleOrder))
	for _, r := range ruleOrder {
		parts = append(parts, fmt.Sprintf("%s %d", r.label, counts[r.id]))
	}
	view := "findings (z: table sizes)"
	if m.sizes {
		view = "table sizes (z: findings)"
	}
	lines = append(lines, strings.Join(parts, " · ")+st.Muted.Render(" · showing "+view))
	for _, n := range h.Notes {
		lines = append(lines, st.Muted.Render("note: "+n))
	}
	if m.err != nil {
		lines = append(lines, st.Error.Render("last reload failed: ")+safetext.Display(m.err.Error()))
	}
	return lines
}

// panelLines is the height of the selected item's panel under the list.
func (m *Model) panelLines() int {
	if m.height < 16 || m.sizes {
		return 0
	}
	return 6
}

// rowsShown is how many findings (two lines each) or tables fit.
func (m *Model) rowsShown() int {
	if m.health == nil {
		return 0
	}
	free := m.height - len(m.headerLines()) - 1 - m.panelLines()
	if m.sizes {
		return free - 1
	}
	return free / 2
}

// View implements pane.Pane.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.styles
	if m.health == nil {
		if m.err != nil {
			return fit([]string{st.Title.Render("Index health"), st.Error.Render("Could not load index health: ") + safetext.Display(m.err.Error())}, m.width, m.height)
		}
		return fit([]string{st.Title.Render("Index health"), st.Muted.Render("Loading…")}, m.width, m.height)
	}
	lines := append(m.headerLines(), "")
	if m.sizes {
		lines = append(lines, m.sizeLines()...)
	} else {
		lines = append(lines, m.findingLines()...)
	}
	if n := m.panelLines(); n > 0 {
		for len(lines) < m.height-n {
			lines = append(lines, "")
		}
		lines = append(lines, m.panel(n)...)
	}
	return fit(lines, m.width, m.height)
}

// marker shows a severity with a character as well as a colour.
func (m *Model) marker(s finding.Severity) string {
	switch s {
	case finding.Error:
		return m.styles.Error.Render("✗")
	case finding.Warning:
		return m.styles.Warning.Render("!")
	}
	return m.styles.Info.Render("i")
}

func (m *Model) findingLines() []string {
	st := m.styles
	if len(m.findings) == 0 {
		return []string{st.OK.Render("✓ no index or table problems found at these thresholds")}
	}
	var out []string
	for i := m.top; i < len(m.findings) && i < m.top+max(m.rowsShown(), 1); i++ {
		f := m.findings[i]
		cur := "  "
		if i == m.sel {
			cur = "> "
		}
		head := cur + m.marker(f.Severity) + " " + st.Bold.Render(f.Rule) + " " + safetext.Display(f.Object) + ": " + safetext.Display(f.Message)
		if i == m.sel {
			head = st.Selected.Render(ansi.Strip(head))
		}
		fix := f.Fix
		if len(f.Steps) > 0 {
			fix = strings.Join(f.Steps, "  then  ")
		}
		out = append(out, head, "    "+st.Muted.Render("fix: ")+st.OK.Render(safetext.Display(fix)))
	}
	return out
}

// panel shows the selected finding in full: message wrapped, every step
// of the fix, and the exact measurement when one was taken.
func (m *Model) panel(n int) []string {
	st := m.styles
	lines := []string{st.Muted.Render(strings.Repeat("─", m.width))}
	if m.sel >= len(m.findings) {
		return lines
	}
	f := m.findings[m.sel]
	text := safetext.Display(f.Message)
	if e, ok := m.exact[f.Object]; ok {
		text += "; " + exactText(e)
	} else if _, ok := m.rels[f.Object]; ok {
		text += st.Muted.Render(" (e: measure exactly with pgstattuple)")
	}
	lines = append(lines, strings.Split(ansi.Wrap(text, max(m.width, 1), ""), "\n")...)
	steps := f.Steps
	if len(steps) == 0 && f.Fix != "" {
		steps = []string{f.Fix}
	}
	for i, s := range steps {
		lines = append(lines, st.OK.Render(fmt.Sprintf("%d. %s", i+1, safetext.Display(s))))
	}
	if len(lines) > n {
		lines = lines[:n]
	}
	return lines
}

func (m *Model) sizeLines() []string {
	st := m.styles
	out := []string{st.Bold.Render(fmt.Sprintf("  %-32s %10s %10s %10s %10s %12s %10s %10s", "TABLE", "TOTAL", "TABLE", "INDEXES", "TOAST", "EST. BLOAT", "SEQ SCANS", "IDX SCANS"))}
	for i := m.top; i < len(m.tables) && i < m.top+max(m.rowsShown(), 1); i++ {
		t := m.tables[i]
		name := t.Table.String()
		bloat := "—"
		if t.BloatBytes != nil {
			bloat = bytes(*t.BloatBytes)
		}
		if e, ok := m.exact[name]; ok {
			bloat = bytes(e.WasteBytes) + " (exact)"
		}
		cur := "  "
		if i == m.sel {
			cur = "> "
		}
		l := fmt.Sprintf("%s%-32s %10s %10s %10s %10s %12s %10d %10d", cur, ansi.Truncate(safetext.Display(name), 32, "…"), bytes(total(t)),
			bytes(t.TableBytes), bytes(t.IndexBytes), bytes(t.ToastBytes), bloat, t.SeqScans, t.IndexScans)
		if i == m.sel {
			l = st.Selected.Render(l)
		}
		out = append(out, l)
	}
	if len(m.tables) == 0 {
		out = append(out, st.Muted.Render("  no tables"))
	}
	return out
}

// bytes renders a size in binary units.
func bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, u := float64(n)/unit, 0
	for v >= unit && u < 4 {
		v /= unit
		u++
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTP"[u])
}

// fit cuts lines to the pane's rectangle and pads it to the full height.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}
