package plan

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// statusMarks mark each aligned pair so the difference shows without
// colour: ~ changed, + added, - removed.
var statusMarks = map[explain.PairStatus]string{
	explain.Same: " ", explain.Changed: "~", explain.Added: "+", explain.Removed: "-",
}

// compareLines draws the before and after plans side by side, one aligned
// pair per row, only the rows that fit.
func (m *Model) compareLines() []string {
	s := m.styles
	c := m.cmp
	out := []string{s.Title.Render("Compare") + s.Muted.Render(" before │ after · c or esc: back to the plan")}
	out = append(out, m.fixCompareLines()...)
	top := len(out)
	for _, line := range c.Summary {
		if len(out) >= top+3 {
			break
		}
		out = append(out, s.Info.Render("  "+safetext.Display(line)))
	}
	h := m.height - len(out)
	half := (m.width - 3) / 2
	for r := m.coffset; r < len(c.Pairs) && r < m.coffset+h; r++ {
		p := c.Pairs[r]
		mark := statusMarks[p.Status]
		left := fit(side(p.Before), half)
		right := fit(side(p.After), half)
		line := mark + " " + left + "│" + right
		switch {
		case r == m.ccursor:
			line = s.Selected.Render(fit(line, m.width))
		case p.Status == explain.Changed:
			line = s.Warning.Render(line)
		case p.Status == explain.Added:
			line = s.OK.Render(line)
		case p.Status == explain.Removed:
			line = s.Error.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// side renders one node of a pair: indentation by depth, number, label,
// inclusive time (or cost without timing) and rows.
func side(n *explain.Node) string {
	if n == nil {
		return ""
	}
	fig := ""
	switch {
	case n.M.InclusiveMS != nil:
		fig = fmt.Sprintf("%.2fms", *n.M.InclusiveMS)
	case n.HasCosts:
		fig = fmt.Sprintf("cost %.0f", n.TotalCost)
	}
	label := ansi.Truncate(safetext.Display(explain.DisplayLabel(n)), 60, "…")
	return fmt.Sprintf("%s#%d %s  %s  %s", strings.Repeat(" ", min(n.Depth, 12)), n.ID, label, fig, explain.RowsText(n))
}
