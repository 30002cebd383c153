package explain

import (
	"fmt"
	"slices"
	"strings"
)

// Comparison is two plans of the same statement aligned node by node.
// Either plan may lack actual figures (plain EXPLAIN, e.g. with a
// hypothetical index): time and row changes are then absent.
type Comparison struct {
	Before, After *Plan
	// Pairs lists every node of both plans once, in the order of a walk
	// down both trees together: matched pairs, and nodes present on one
	// side only.
	Pairs []Pair
	// Summary states the changes that matter, in words: node types that
	// changed, nodes added or removed, the overall time or cost.
	Summary []string
}

// PairStatus says how a node changed between the plans.
type PairStatus string

// The statuses of a Pair.
const (
	Same    PairStatus = "same"
	Changed PairStatus = "changed"
	Added   PairStatus = "added"
	Removed PairStatus = "removed"
)

// Pair is one node in the before plan matched to one in the after plan;
// Before is nil for an added node, After for a removed one.
type Pair struct {
	Before, After *Node
	Status        PairStatus
	// Changes describe what differs, e.g. "Seq Scan on tasks became Index
	// Scan using tasks_project_id_idx on tasks", "filter changed".
	Changes []string
}

// passThrough are nodes that wrap one child without changing which
// relations it reads: a plan that gains or loses one is aligned through it.
var passThrough = map[string]bool{
	"Hash": true, "Sort": true, "Incremental Sort": true, "Materialize": true, "Memoize": true,
	"Gather": true, "Gather Merge": true, "Limit": true, "Unique": true, "Result": true,
	"LockRows": true, "Aggregate": true,
}

// Compare aligns two plans. Nodes reading relations are matched by the
// relations (and aliases) below them, so "Seq Scan on tasks t" pairs with
// "Index Scan using … on tasks t"; the rest by position under matched
// parents.
func Compare(before, after *Plan) *Comparison {
	c := &Comparison{Before: before, After: after}
	sigs := map[*Node]string{}
	signature(before.Root, sigs)
	signature(after.Root, sigs)
	c.match(before.Root, after.Root, sigs)
	c.summarise()
	return c
}

// signature names the relations a subtree reads, for matching.
func signature(n *Node, sigs map[*Node]string) string {
	var parts []string
	if n.Relation != "" || n.CTEName != "" || n.FunctionName != "" {
		parts = append(parts, n.Relation+n.CTEName+n.FunctionName+" "+n.Alias)
	}
	for _, c := range n.Children {
		if s := signature(c, sigs); s != "" {
			parts = append(parts, s)
		}
	}
	slices.Sort(parts)
	s := strings.Join(parts, ",")
	sigs[n] = s
	return s
}

func (c *Comparison) match(a, b *Node, sigs map[*Node]string) {
	if a.NodeType != b.NodeType {
		if passThrough[a.NodeType] && len(a.Children) == 1 && sigs[a.Children[0]] == sigs[b] && a.Children[0].NodeType == b.NodeType {
			c.Pairs = append(c.Pairs, Pair{Before: a, Status: Removed})
			c.match(a.Children[0], b, sigs)
			return
		}
		if passThrough[b.NodeType] && len(b.Children) == 1 && sigs[b.Children[0]] == sigs[a] && b.Children[0].NodeType == a.NodeType {
			c.Pairs = append(c.Pairs, Pair{After: b, Status: Added})
			c.match(a, b.Children[0], sigs)
			return
		}
	}
	c.Pairs = append(c.Pairs, pairOf(a, b))
	ca, cb := a.Children, b.Children
	used := make([]bool, len(cb))
	pairs := make([]int, len(ca))
	bySig := map[string][]int{}
	for j, x := range cb {
		bySig[sigs[x]] = append(bySig[sigs[x]], j)
	}
	for i, x := range ca {
		pairs[i] = -1
		if q := bySig[sigs[x]]; len(q) > 0 && sigs[x] != "" {
			pairs[i], used[q[0]] = q[0], true
			bySig[sigs[x]] = q[1:]
		}
	}
	// Children reading no relation (Result, InitPlans of constants) pair
	// with the first unused child of the same type, then in order.
	for i, x := range ca {
		if pairs[i] >= 0 {
			continue
		}
		for j, y := range cb {
			if !used[j] && (y.NodeType == x.NodeType || sigs[x] == "" && sigs[y] == "") {
				pairs[i], used[j] = j, true
				break
			}
		}
	}
	j := 0
	for i, x := range ca {
		// Emit after-only children that come before this one's partner.
		for ; pairs[i] >= 0 && j < pairs[i]; j++ {
			if !used[j] {
				c.added(cb[j])
			}
		}
		if pairs[i] < 0 {
			c.removed(x)
			continue
		}
		c.match(x, cb[pairs[i]], sigs)
		if j == pairs[i] {
			j++
		}
	}
	for ; j < len(cb); j++ {
		if !used[j] {
			c.added(cb[j])
		}
	}
}

func (c *Comparison) added(n *Node) {
	walk(n, func(x *Node) { c.Pairs = append(c.Pairs, Pair{After: x, Status: Added}) })
}

func (c *Comparison) removed(n *Node) {
	walk(n, func(x *Node) { c.Pairs = append(c.Pairs, Pair{Before: x, Status: Removed}) })
}

func pairOf(a, b *Node) Pair {
	p := Pair{Before: a, After: b, Status: Same}
	if la, lb := a.Label(), b.Label(); la != lb {
		p.Changes = append(p.Changes, la+" became "+lb+bitmapIndexes(b))
	}
	for _, f := range []struct{ name, a, b string }{
		{"filter", a.Filter, b.Filter}, {"index condition", a.IndexCond, b.IndexCond},
		{"join filter", a.JoinFilter, b.JoinFilter}, {"hash condition", a.HashCond, b.HashCond},
	} {
		switch {
		case f.a == f.b:
		case f.a == "":
			p.Changes = append(p.Changes, f.name+" added: "+f.b)
		case f.b == "":
			p.Changes = append(p.Changes, f.name+" removed: "+f.a)
		default:
			p.Changes = append(p.Changes, f.name+" changed: "+f.a+" → "+f.b)
		}
	}
	if len(p.Changes) > 0 {
		p.Status = Changed
	}
	return p
}

// bitmapIndexes names the indexes a Bitmap Heap Scan reads, which its
// label does not show: " using a_idx, b_idx".
func bitmapIndexes(n *Node) string {
	if n.NodeType != "Bitmap Heap Scan" {
		return ""
	}
	var idx []string
	walk(n, func(c *Node) {
		if c.NodeType == "Bitmap Index Scan" {
			idx = append(idx, c.Index)
		}
	})
	if len(idx) == 0 {
		return ""
	}
	return " using " + strings.Join(idx, ", ")
}

func (c *Comparison) summarise() {
	b, a := c.Before, c.After
	switch {
	case b.ExecutionMS != nil && a.ExecutionMS != nil:
		c.Summary = append(c.Summary, "execution time "+change(*b.ExecutionMS, *a.ExecutionMS, "ms"))
	case b.Root.HasCosts && a.Root.HasCosts:
		c.Summary = append(c.Summary, "estimated total cost "+change(b.Root.TotalCost, a.Root.TotalCost, ""))
	}
	if b.PlanningMS != nil && a.PlanningMS != nil {
		c.Summary = append(c.Summary, "planning time "+change(*b.PlanningMS, *a.PlanningMS, "ms"))
	}
	for _, p := range c.Pairs {
		switch {
		case p.Status == Changed && p.Before.Label() != p.After.Label():
			c.Summary = append(c.Summary, fmt.Sprintf("node %d: %s", p.After.ID, p.Changes[0]))
		case p.Status == Added && (p.After.Relation != "" || p.After.Index != ""):
			c.Summary = append(c.Summary, fmt.Sprintf("node %d added: %s", p.After.ID, p.After.Label()))
		case p.Status == Removed && (p.Before.Relation != "" || p.Before.Index != ""):
			c.Summary = append(c.Summary, fmt.Sprintf("%s removed", p.Before.Label()))
		}
	}
}

// change renders "120.3 ms → 0.8 ms (150× faster)".
func change(before, after float64, unit string) string {
	u := ""
	if unit != "" {
		u = " " + unit
	}
	s := fmt.Sprintf("%.2f%s → %.2f%s", before, u, after, u)
	lower, higher := "faster", "slower"
	if unit == "" {
		lower, higher = "lower", "higher"
	}
	switch {
	case after > 0 && before > after:
		s += fmt.Sprintf(" (%.1f× %s)", before/after, lower)
	case before > 0 && after > before:
		s += fmt.Sprintf(" (%.1f× %s)", after/before, higher)
	}
	return s
}
