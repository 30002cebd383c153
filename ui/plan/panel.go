package plan

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// detailLines shows every field of the selected node, h lines in all.
func (m *Model) detailLines(h int) []string {
	s := m.styles
	n := m.Selected()
	out := []string{s.Border.Render(strings.Repeat("─", m.width))}
	if n == nil {
		return out
	}
	out = append(out, s.Title.Render(fmt.Sprintf("node %d", n.ID))+" "+safetext.Display(explain.DisplayLabel(n)))
	var kv []string
	add := func(k, v string) {
		if v != "" {
			kv = append(kv, s.Muted.Render(k+": ")+safetext.Display(v))
		}
	}
	for _, f := range nodeFields(n) {
		add(f.Key, f.Value)
	}
	// Two columns when there is room, so more fields fit.
	rows := h - 2
	if m.width >= 110 && len(kv) > rows {
		half := (m.width - 2) / 2
		for i := 0; i < rows && i < len(kv); i++ {
			line := fit(kv[i], half)
			if j := i + rows; j < len(kv) {
				line += "  " + kv[j]
			}
			out = append(out, line)
		}
	} else {
		out = append(out, kv[:min(rows, len(kv))]...)
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:h]
}

// nodeFields lists a node's fields and metrics for the detail panel.
func nodeFields(n *explain.Node) []explain.KV {
	f := []explain.KV{
		{Key: "type", Value: n.NodeType},
		{Key: "join", Value: n.JoinType},
		{Key: "strategy", Value: strings.TrimSpace(n.Strategy + " " + n.PartialMode)},
		{Key: "relation", Value: qualified(n)},
		{Key: "index", Value: n.Index},
		{Key: "parent relationship", Value: n.ParentRelationship},
		{Key: "subplan", Value: n.SubplanName},
	}
	if n.HasCosts {
		f = append(f, explain.KV{Key: "cost", Value: fmt.Sprintf("%.2f..%.2f", n.StartupCost, n.TotalCost)},
			explain.KV{Key: "estimated rows", Value: fmt.Sprintf("%g (width %d)", n.PlanRows, n.PlanWidth)})
	}
	if n.HasActual {
		f = append(f, explain.KV{Key: "actual rows", Value: fmt.Sprintf("%g per loop × %g loops = %g", n.ActualRows, n.Loops, n.M.TotalRows)})
	}
	if n.HasTiming {
		f = append(f, explain.KV{Key: "actual time", Value: fmt.Sprintf("%.3f..%.3f ms per loop", n.ActualStartup, n.ActualTotal)})
	}
	if n.M.InclusiveMS != nil {
		f = append(f, explain.KV{Key: "inclusive", Value: fmt.Sprintf("%.3f ms", *n.M.InclusiveMS)},
			explain.KV{Key: "exclusive", Value: fmt.Sprintf("%.3f ms (%.1f%% of the plan)", *n.M.ExclusiveMS, n.M.Share*100)})
	}
	if n.M.Processes > 1 {
		f = append(f, explain.KV{Key: "processes", Value: fmt.Sprint(n.M.Processes)})
	}
	if n.M.MisestimateFactor != nil && n.M.MisestimateDirection != "" {
		f = append(f, explain.KV{Key: "misestimate", Value: fmt.Sprintf("%.1f× %sestimate", *n.M.MisestimateFactor, n.M.MisestimateDirection)})
	}
	for _, c := range []explain.KV{{Key: "filter", Value: n.Filter}, {Key: "index cond", Value: n.IndexCond},
		{Key: "recheck cond", Value: n.RecheckCond}, {Key: "join filter", Value: n.JoinFilter},
		{Key: "hash cond", Value: n.HashCond}, {Key: "merge cond", Value: n.MergeCond}} {
		f = append(f, c)
	}
	if r := n.M.RowsRemovedShare; r != nil {
		f = append(f, explain.KV{Key: "rows removed", Value: fmt.Sprintf("%.1f%% of rows read", *r*100)})
	}
	if n.HeapFetches != nil {
		f = append(f, explain.KV{Key: "heap fetches", Value: fmt.Sprintf("%g", *n.HeapFetches)})
	}
	if n.SortMethod != "" {
		f = append(f, explain.KV{Key: "sort", Value: fmt.Sprintf("%s, %s %s kB", n.SortMethod, n.SortSpaceType, i64(n.SortSpaceKB))})
	}
	if n.HashBatches != nil {
		f = append(f, explain.KV{Key: "hash", Value: fmt.Sprintf("buckets %s, batches %s, peak memory %s kB", i64(n.HashBuckets), i64(n.HashBatches), i64(n.PeakMemoryKB))})
	}
	if n.WorkersPlanned != nil {
		f = append(f, explain.KV{Key: "workers", Value: fmt.Sprintf("%d planned, %s launched", *n.WorkersPlanned, ip(n.WorkersLaunched))})
	}
	if n.Buffers != nil {
		b := n.M.ExclusiveBuffers
		f = append(f, explain.KV{Key: "buffers (own)", Value: fmt.Sprintf("hit %d read %d dirtied %d written %d temp %d/%d", b.SharedHit, b.SharedRead, b.SharedDirtied, b.SharedWritten, b.TempRead, b.TempWritten)})
		if b.IOReadMS+b.IOWriteMS > 0 {
			f = append(f, explain.KV{Key: "I/O (own)", Value: fmt.Sprintf("read %.3f ms, write %.3f ms", b.IOReadMS, b.IOWriteMS)})
		}
	}
	f = append(f, n.Extra...)
	if len(n.Output) > 0 {
		f = append(f, explain.KV{Key: "output", Value: strings.Join(n.Output, ", ")})
	}
	for _, w := range n.Workers {
		f = append(f, explain.KV{Key: fmt.Sprintf("worker %d", w.Number), Value: fmt.Sprintf("%.3f ms, %g rows, %g loops", w.ActualTotal, w.ActualRows, w.Loops)})
	}
	return f
}

func qualified(n *explain.Node) string {
	name := n.Relation + n.FunctionName + n.CTEName
	if name == "" {
		return n.Alias
	}
	if n.Schema != "" {
		name = n.Schema + "." + name
	}
	if n.Alias != "" && n.Alias != name {
		name += " as " + n.Alias
	}
	return name
}

func i64(p *int64) string {
	if p == nil {
		return "?"
	}
	return fmt.Sprint(*p)
}

func ip(p *int) string {
	if p == nil {
		return "?"
	}
	return fmt.Sprint(*p)
}

// findingLines lists the findings; the selected one shows its fix.
func (m *Model) findingLines(h int) []string {
	s := m.styles
	out := []string{s.Border.Render(strings.Repeat("─", m.width)),
		s.Title.Render("Findings") + s.Muted.Render("  ↑/↓ choose · enter go to node · esc back")}
	start := max(m.fcursor-(h-4), 0)
	for i := start; i < len(m.findings) && len(out) < h; i++ {
		f := m.findings[i]
		where := "plan"
		if f.NodeID != nil {
			where = fmt.Sprintf("node %d", *f.NodeID)
		}
		sev := s.Warning.Render(string(f.Severity))
		if f.Severity == "error" {
			sev = s.Error.Render(string(f.Severity))
		}
		line := fmt.Sprintf("%s %s (%s): %s", sev, f.Rule, where, safetext.Display(f.Message))
		if i == m.fcursor {
			line = s.Selected.Render(fit(fmt.Sprintf("› %s %s (%s): %s", f.Severity, f.Rule, where, safetext.Display(f.Message)), m.width))
			out = append(out, line)
			if f.Fix != "" && len(out) < h {
				out = append(out, s.OK.Render("  fix: ")+safetext.Display(f.Fix))
			}
			continue
		}
		out = append(out, "  "+line)
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}
