package plan

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// barWidth is the width of the exclusive-time bar.
const barWidth = 10

// View implements pane.Pane. It draws only the rows that fit, so a frame
// costs the same for a plan of ten nodes or ten thousand.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var lines []string
	switch {
	case m.plan == nil:
		lines = m.emptyView()
	case m.fix.migView && m.fix.session != nil && m.fix.session.Migration != nil:
		lines = m.migrationLines()
	case m.compareView && m.cmp != nil:
		lines = m.compareLines()
	default:
		lines = append(lines, m.header())
		lines = append(lines, m.treeLines()...)
		if m.panelOpen() {
			if m.focusFindings {
				lines = append(lines, m.findingLines(m.panelHeight())...)
			} else {
				lines = append(lines, m.detailLines(m.panelHeight())...)
			}
		}
		lines = append(lines, m.footer())
	}
	if m.fix.prompting && m.height > 0 {
		lines = append(lines[:min(len(lines), m.height-1)], m.promptLine())
	}
	return m.frame(lines)
}

// frame pads or cuts lines to exactly the pane's size.
func (m *Model) frame(lines []string) string {
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fit(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// fit cuts or pads s (which may hold escape codes) to width cells.
func fit(s string, width int) string {
	w := ansi.StringWidth(s)
	if w > width {
		return ansi.Truncate(s, width, "…")
	}
	return s + strings.Repeat(" ", width-w)
}

func (m *Model) emptyView() []string {
	s := m.styles
	lines := []string{s.Title.Render("Plan"), ""}
	switch {
	case m.busy:
		lines = append(lines, "running EXPLAIN… (ctrl+c cancels)")
	case m.err != nil:
		lines = append(lines, s.Error.Render("error: ")+safetext.Display(m.err.Error()))
	default:
		lines = append(lines, s.Muted.Render("No plan yet. Explain a statement from the Query pane, or run `pgdeck explain FILE`."))
	}
	return lines
}

func (m *Model) header() string {
	s := m.styles
	p := m.plan
	var parts []string
	if m.title != "" {
		parts = append(parts, s.Bold.Render(safetext.Display(m.title)))
	}
	if p.ExecutionMS != nil {
		parts = append(parts, fmt.Sprintf("execution %.2f ms", *p.ExecutionMS))
	}
	if p.PlanningMS != nil {
		parts = append(parts, fmt.Sprintf("planning %.2f ms", *p.PlanningMS))
	}
	parts = append(parts, fmt.Sprintf("%d nodes", len(p.Nodes)))
	if n := len(m.findings); n > 0 {
		parts = append(parts, s.Warning.Render(fmt.Sprintf("%d findings (f)", n)))
	}
	if m.cmp != nil {
		parts = append(parts, s.Info.Render("compare (c)"))
	}
	switch {
	case m.busy:
		parts = append(parts, s.Info.Render("running EXPLAIN…"))
	case m.err != nil:
		parts = append(parts, s.Error.Render(safetext.Display(m.err.Error())))
	}
	return strings.Join(parts, s.Muted.Render(" · "))
}

func (m *Model) footer() string {
	s := m.styles
	if m.searching {
		return s.Key.Render("/") + safetext.Display(m.query) + "█" + s.Muted.Render(m.matchInfo())
	}
	if m.query != "" {
		return s.Muted.Render("/" + safetext.Display(m.query) + m.matchInfo() + " · n/N next/previous · esc clears")
	}
	if m.fix.note != "" {
		return m.fixNote()
	}
	return s.Muted.Render("space fold · E/C expand/collapse all · / search · f findings · H hottest · d details · h try the index")
}

func (m *Model) matchInfo() string {
	if len(m.matches) == 0 {
		if m.query == "" {
			return ""
		}
		return "  (no match)"
	}
	return fmt.Sprintf("  (%d/%d)", m.matchAt+1, len(m.matches))
}

// treeLines draws the visible window of the tree.
func (m *Model) treeLines() []string {
	h := m.treeHeight()
	out := make([]string, 0, h)
	idW := len(fmt.Sprint(len(m.plan.Nodes)))
	for r := m.offset; r < len(m.visible) && r < m.offset+h; r++ {
		out = append(out, m.row(m.visible[r], r == m.cursor, idW))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}

// row draws one node: number, guides, fold marker, label, then the
// exclusive-time bar and figures on the right.
func (m *Model) row(i int, selected bool, idW int) string {
	s := m.styles
	n := m.plan.Nodes[i]
	fold := "  "
	if len(n.Children) > 0 {
		fold = "▾ "
		if m.collapsed[i] {
			fold = fmt.Sprintf("▸(%d) ", subtreeEnd(i, m.plan.Nodes)-i-1)
		}
	}
	right := m.figures(n, selected)
	label := safetext.Display(explain.DisplayLabel(n))
	left := fmt.Sprintf("%*d ", idW, n.ID) + m.guides[i] + fold
	room := m.width - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	if room < 8 {
		room = 8
	}
	label = ansi.Truncate(label, room, "…")
	pad := strings.Repeat(" ", max(room-ansi.StringWidth(label), 0)+1)
	if selected {
		return s.Selected.Render(fit(left+label+pad+right, m.width))
	}
	switch {
	case n.NodeType == "Seq Scan":
		label = s.SeqScan.Render(label)
	case n.NeverExecuted:
		label = s.Muted.Render(label)
	}
	return s.Muted.Render(left) + label + pad + right
}

// figures is the right-hand part of a row: bar, exclusive time and share,
// rows actual/estimated with the misestimate marker, loops.
func (m *Model) figures(n *explain.Node, plain bool) string {
	s := m.styles
	wide := m.width >= 100
	var b strings.Builder
	if wide && n.M.ExclusiveMS != nil {
		// Per-loop rounding can push a share past 100%: clamp the bar.
		full := max(min(int(n.M.Share*barWidth+0.5), barWidth), 0)
		bar := strings.Repeat("█", full) + strings.Repeat("·", barWidth-full)
		if !plain && n.M.Share >= 0.2 {
			bar = s.Warning.Render(bar)
		}
		b.WriteString(bar + " ")
	} else if wide {
		b.WriteString(strings.Repeat(" ", barWidth+1))
	}
	t := ""
	if n.M.ExclusiveMS != nil {
		t = fmt.Sprintf("%.2fms %3.0f%%", *n.M.ExclusiveMS, n.M.Share*100)
	} else if n.HasCosts {
		t = fmt.Sprintf("cost %.0f", n.TotalCost)
	}
	fmt.Fprintf(&b, "%15s ", t)
	mark := explain.MisestimateMark(n)
	rows := fmt.Sprintf("%15s", explain.RowsText(n))
	if mark != "" && !plain {
		mark = s.Warning.Render(fmt.Sprintf("%6s", mark))
	} else {
		mark = fmt.Sprintf("%6s", mark)
	}
	b.WriteString(rows + " " + mark)
	if wide && n.HasActual {
		fmt.Fprintf(&b, " ×%-6s", trimLoops(n.Loops))
	} else if wide {
		b.WriteString("        ")
	}
	return b.String()
}

func trimLoops(l float64) string {
	if l == float64(int64(l)) {
		return fmt.Sprintf("%d", int64(l))
	}
	return fmt.Sprintf("%.2f", l)
}
