package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/pgdeck/pgdeck/internal/safetext"
)

// SeqScanMarker flags sequential scans in every rendering, so they stand
// out without colour (NO_COLOR, a pasted comment).
const SeqScanMarker = "◆"

// Guides returns, for each node in pre-order, the tree guide drawn before
// its label ("│  ├─ "); the root has none.
func Guides(p *Plan) []string {
	out := make([]string, len(p.Nodes))
	var rec func(n *Node, prefix string)
	rec = func(n *Node, prefix string) {
		for i, c := range n.Children {
			last := i == len(n.Children)-1
			if last {
				out[c.ID-1] = prefix + "└─ "
				rec(c, prefix+"   ")
			} else {
				out[c.ID-1] = prefix + "├─ "
				rec(c, prefix+"│  ")
			}
		}
	}
	if p.Root != nil {
		rec(p.Root, "")
	}
	return out
}

// DisplayLabel is a node's label with its sub-plan name and the Seq Scan
// marker: "◆ Seq Scan on tasks", "[InitPlan 1] Result".
func DisplayLabel(n *Node) string {
	l := n.Label()
	if n.NodeType == "Seq Scan" {
		l = SeqScanMarker + " " + l
	}
	if n.SubplanName != "" {
		l = "[" + n.SubplanName + "] " + l
	}
	return l
}

// MisestimateMark is "▲12×" (more rows than estimated) or "▼12×" (fewer)
// when the estimate is off by MisestimateFactor or more, else "".
func MisestimateMark(n *Node) string {
	f := n.M.MisestimateFactor
	if f == nil || *f < MisestimateFactor {
		return ""
	}
	if n.M.MisestimateDirection == "under" {
		return fmt.Sprintf("▲%.0f×", *f)
	}
	return fmt.Sprintf("▼%.0f×", *f)
}

// FormatMS renders a time for the tables: "-" when absent.
func FormatMS(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *v)
}

// RowsText renders "actual/estimated" rows per loop ("-" for absent sides).
func RowsText(n *Node) string {
	a, e := "-", "-"
	if n.HasActual {
		a = fmtRows(n.ActualRows)
		if n.NeverExecuted {
			a = "never"
		}
	}
	if n.HasCosts {
		e = fmtRows(n.PlanRows)
	}
	return a + "/" + e
}

func headline(p *Plan) string {
	var parts []string
	if p.ExecutionMS != nil {
		parts = append(parts, fmt.Sprintf("execution %.2f ms", *p.ExecutionMS))
	}
	if p.PlanningMS != nil {
		parts = append(parts, fmt.Sprintf("planning %.2f ms", *p.PlanningMS))
	}
	if p.Root.HasCosts {
		parts = append(parts, fmt.Sprintf("cost %.2f", p.Root.TotalCost))
	}
	parts = append(parts, fmt.Sprintf("%d nodes", len(p.Nodes)))
	return strings.Join(parts, " · ")
}

// WriteText prints the analysed tree and findings for a terminal or a log.
func WriteText(w io.Writer, p *Plan, fs []PlanFinding) error {
	var b strings.Builder
	b.WriteString(headline(p) + "\n\n")
	fmt.Fprintf(&b, "%5s %10s %6s %15s %7s  %s\n", "#", "excl ms", "share", "rows act/est", "loops", "node")
	guides := Guides(p)
	for i, n := range p.Nodes {
		share := ""
		if n.M.ExclusiveMS != nil {
			share = fmt.Sprintf("%.1f%%", n.M.Share*100)
		}
		loops := ""
		if n.HasActual {
			loops = fmtRows(n.Loops)
		}
		rows := RowsText(n)
		if m := MisestimateMark(n); m != "" {
			rows = m + " " + rows
		}
		fmt.Fprintf(&b, "%5d %10s %6s %15s %7s  %s%s\n", n.ID, FormatMS(n.M.ExclusiveMS), share, rows, loops, guides[i], safetext.Display(DisplayLabel(n)))
	}
	if len(fs) > 0 {
		b.WriteString("\nfindings:\n")
		for _, f := range fs {
			where := "plan"
			if f.NodeID != nil {
				where = fmt.Sprintf("node %d", *f.NodeID)
			}
			fmt.Fprintf(&b, "  %-7s %s (%s): %s\n", f.Severity, f.Rule, where, safetext.Display(f.Message))
			if f.Fix != "" {
				fmt.Fprintf(&b, "          fix: %s\n", safetext.Block(f.Fix))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape shows s in Markdown as safetext.Display shows it on a terminal:
// control characters escaped, and the backslashes of those escapes kept.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "`", "\\`").Replace(safetext.Display(s))
}

// WriteMarkdown renders the analysed tree and findings for a pull-request
// comment.
func WriteMarkdown(w io.Writer, p *Plan, fs []PlanFinding) error {
	var b strings.Builder
	b.WriteString("**Plan:** " + headline(p) + "\n\n")
	b.WriteString("| # | node | excl ms | share | rows act/est | loops |\n|--:|:--|--:|--:|--:|--:|\n")
	for _, n := range p.Nodes {
		share := ""
		if n.M.ExclusiveMS != nil {
			share = fmt.Sprintf("%.1f%%", n.M.Share*100)
		}
		loops := ""
		if n.HasActual {
			loops = fmtRows(n.Loops)
		}
		rows := RowsText(n)
		if m := MisestimateMark(n); m != "" {
			rows = "**" + m + "** " + rows
		}
		fmt.Fprintf(&b, "| %d | %s%s | %s | %s | %s | %s |\n", n.ID, strings.Repeat("&nbsp;&nbsp;", n.Depth), mdEscape(DisplayLabel(n)),
			FormatMS(n.M.ExclusiveMS), share, rows, loops)
	}
	if len(fs) > 0 {
		b.WriteString("\n**Findings**\n\n")
		for _, f := range fs {
			where := ""
			if f.NodeID != nil {
				where = fmt.Sprintf(" (node %d)", *f.NodeID)
			}
			fmt.Fprintf(&b, "- **%s** `%s`%s: %s\n", f.Severity, f.Rule, where, mdEscape(f.Message))
			if f.Fix != "" {
				fmt.Fprintf(&b, "\n  ```sql\n  %s\n  ```\n", safetext.Block(f.Fix))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCompareText prints a comparison: the summary, then every aligned
// pair with its times.
func WriteCompareText(w io.Writer, c *Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "before: %s\nafter:  %s\n\n", headline(c.Before), headline(c.After))
	for _, s := range c.Summary {
		b.WriteString("  " + safetext.Display(s) + "\n")
	}
	b.WriteString("\n")
	for _, p := range c.Pairs {
		mark := map[PairStatus]string{Same: " ", Changed: "~", Added: "+", Removed: "-"}[p.Status]
		var left, right string
		if p.Before != nil {
			left = fmt.Sprintf("#%d %s %s ms", p.Before.ID, safetext.Display(DisplayLabel(p.Before)), FormatMS(p.Before.M.InclusiveMS))
		}
		if p.After != nil {
			right = fmt.Sprintf("#%d %s %s ms", p.After.ID, safetext.Display(DisplayLabel(p.After)), FormatMS(p.After.M.InclusiveMS))
		}
		switch p.Status {
		case Same:
			fmt.Fprintf(&b, "%s %s | %s\n", mark, left, FormatMS(p.After.M.InclusiveMS)+" ms")
		case Added:
			fmt.Fprintf(&b, "%s %s\n", mark, right)
		case Removed:
			fmt.Fprintf(&b, "%s %s\n", mark, left)
		default:
			fmt.Fprintf(&b, "%s %s → %s\n", mark, left, right)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
