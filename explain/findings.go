package explain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgdeck/pgdeck/finding"
)

// Thresholds of the plan rules. They aim at what is worth a person's time:
// a finding should point at something that changes the query's speed.
const (
	// SeqScanMinRows is how many rows a Seq Scan must read (returned plus
	// removed, over all loops) before its filter is worth an index.
	SeqScanMinRows = 10000
	// SeqScanDiscardShare is the share of read rows the filter must discard.
	SeqScanDiscardShare = 0.9
	// MisestimateFactor is how far off (either way) a row estimate must be.
	MisestimateFactor = 10.0
	// MisestimateMinRows ignores misestimates where both figures are small:
	// 1 row expected and 12 found changes no plan choice.
	MisestimateMinRows = 100.0
	// NestedLoopMinLoops is how many times the inner side of a nested loop
	// must run to be reported.
	NestedLoopMinLoops = 1000
	// NestedLoopMinShare is the share of the plan's time the inner side
	// must take (ignored when the plan has no timing).
	NestedLoopMinShare = 0.1
	// HeapFetchesMin and HeapFetchesShare: an index-only scan that visits
	// the heap for this many rows and this share of its rows is not
	// index-only any more.
	HeapFetchesMin   = 1000
	HeapFetchesShare = 0.1
	// JITShare and JITMinMS: JIT compilation taking this share of the
	// execution time, and at least this long.
	JITShare = 0.2
	JITMinMS = 10.0
	// TriggerShare and TriggerMinMS: a trigger taking this share of the
	// execution time, and at least this long.
	TriggerShare = 0.2
	TriggerMinMS = 1.0
)

// PlanFinding is a finding about a plan node, as the twins print it: the
// shared Finding fields plus the node's number (null for the whole plan).
type PlanFinding struct {
	finding.Finding
	NodeID *int `json:"node_id"`
}

// Options tell Findings what the caller knows beyond the plan.
type Options struct {
	// Indexes, when set, lists the column lists of the existing indexes of
	// a relation (connected mode), so that an index is not proposed twice.
	Indexes func(schema, relation string) [][]string
}

// Findings runs the plan rules over an analysed plan. Findings are ordered
// by node, then rule.
func Findings(p *Plan, opt Options) []PlanFinding {
	var out []PlanFinding
	add := func(n *Node, rule, object, msg, fix string) {
		f := PlanFinding{Finding: finding.New(rule, object, msg, fix)}
		if n != nil {
			id := n.ID
			f.NodeID = &id
		}
		out = append(out, f)
	}
	for _, n := range p.Nodes {
		seqScanFilter(n, opt, add)
		misestimate(n, add)
		memory(n, add)
		innerLoops(p, n, add)
		workers(n, add)
	}
	planRules(p, add)
	slices.SortStableFunc(out, func(a, b PlanFinding) int {
		return nodeKey(a) - nodeKey(b)
	})
	return out
}

func nodeKey(f PlanFinding) int {
	if f.NodeID == nil {
		return 1 << 30
	}
	return *f.NodeID
}

type addFunc func(n *Node, rule, object, msg, fix string)

func object(n *Node) string {
	if n.Relation != "" {
		return finding.Qualified(n.Schema, n.Relation)
	}
	return ""
}

func seqScanFilter(n *Node, opt Options, add addFunc) {
	if n.NodeType != "Seq Scan" || n.Filter == "" || !n.HasActual || n.NeverExecuted || n.M.RowsRemovedShare == nil {
		return
	}
	removed := deref(n.RowsRemovedByFilter) * n.Loops
	read := removed + n.M.TotalRows
	if read < SeqScanMinRows || *n.M.RowsRemovedShare < SeqScanDiscardShare {
		return
	}
	msg := fmt.Sprintf("Seq Scan on %s read %.0f rows and its filter discarded %.1f%% of them (%s)",
		finding.Qualified(n.Schema, n.Relation), read, 100**n.M.RowsRemovedShare, n.Filter)
	fc, err := ParseScanFilter(n.Filter, n.Alias)
	if err != nil {
		add(n, "seq-scan-filter", object(n), msg+"; no single index serves this filter", "")
		return
	}
	cols := fc.IndexColumns()
	if len(cols) == 0 {
		add(n, "seq-scan-filter", object(n), msg+fmt.Sprintf("; the filter wraps %s in a function or operator, so only an expression index would serve it", strings.Join(fc.Wrapped, ", ")), "")
		return
	}
	if opt.Indexes != nil {
		for _, idx := range opt.Indexes(n.Schema, n.Relation) {
			if len(idx) > 0 && idx[0] == cols[0] {
				add(n, "seq-scan-filter", object(n), msg+fmt.Sprintf("; an index on (%s) exists already, so the cause is elsewhere: stale statistics, a cast or a function on the column, or a parameter type mismatch", strings.Join(idx, ", ")), "ANALYZE "+finding.Qualified(n.Schema, n.Relation)+";")
				return
			}
		}
	}
	add(n, "seq-scan-filter", object(n), msg+"; an index on ("+strings.Join(cols, ", ")+") would let PostgreSQL read only the matching rows",
		CreateIndexSQL(n.Schema, n.Relation, cols))
}

func misestimate(n *Node, add addFunc) {
	f := n.M.MisestimateFactor
	if f == nil || *f < MisestimateFactor || max(n.ActualRows, n.PlanRows) < MisestimateMinRows {
		return
	}
	// Below a Limit (or in a sub-plan that stops at its first row) a node
	// is not run to completion: fewer rows than planned is no misestimate.
	if n.M.MisestimateDirection == "over" && stopsEarly(n) {
		return
	}
	// Report where the misestimate starts, not every node above it.
	for _, c := range n.Children {
		if cf := c.M.MisestimateFactor; cf != nil && *cf >= MisestimateFactor && c.M.MisestimateDirection == n.M.MisestimateDirection {
			return
		}
	}
	rels := relationsUnder(n)
	msg := fmt.Sprintf("%s: the planner expected %s rows per loop and got %s (%.0f× %sestimate)",
		n.Label(), fmtRows(n.PlanRows), fmtRows(n.ActualRows), *f, n.M.MisestimateDirection)
	var fix string
	if len(rels) > 0 {
		fix = "ANALYZE " + strings.Join(rels, ", ") + ";"
	}
	if fc, err := ParseScanFilter(firstNonEmpty(n.Filter, n.IndexCond, n.RecheckCond), n.Alias); err == nil && n.Relation != "" {
		if cols := append(slices.Clone(fc.Equality), fc.Range...); len(cols) >= 2 {
			fix = fmt.Sprintf("CREATE STATISTICS %s (dependencies, ndistinct) ON %s FROM %s; ANALYZE %s;",
				finding.QuoteIdent(n.Relation+"_"+strings.Join(cols, "_")+"_stats"), strings.Join(quoteAll(cols), ", "),
				finding.Qualified(n.Schema, n.Relation), finding.Qualified(n.Schema, n.Relation))
			msg += "; the columns are probably correlated"
		} else if len(fc.Wrapped) > 0 {
			msg += "; the planner cannot estimate a function of a column without statistics on the expression"
		}
	}
	add(n, "row-misestimate", object(n), msg, fix)
}

func stopsEarly(n *Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.NodeType == "Limit" {
			return true
		}
		if j := a.JoinType; j == "Semi" || j == "Anti" || a.NodeType == "Merge Join" {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func quoteAll(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = finding.QuoteIdent(c)
	}
	return out
}

func relationsUnder(n *Node) []string {
	var rels []string
	walk(n, func(c *Node) {
		if c.Relation != "" {
			rels = addCol(rels, finding.Qualified(c.Schema, c.Relation))
		}
	})
	return rels
}

func fmtRows(r float64) string {
	if r == float64(int64(r)) {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.2f", r)
}
