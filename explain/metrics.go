package explain

import "strings"

// Metrics are the figures derived from a node and its children.
type Metrics struct {
	// InclusiveMS is the node's time including its children, summed over
	// loops; for a node run by parallel workers it is divided by the number
	// of processes so that it is wall-clock time. Nil without timing.
	InclusiveMS *float64
	// ExclusiveMS is InclusiveMS minus the children's, corrected for CTEs
	// (whose time is counted where they are scanned). Never negative.
	ExclusiveMS *float64
	// Share is ExclusiveMS as a fraction of the whole plan's time.
	Share float64
	// Processes is the number of processes the node ran in: workers
	// launched + 1 under a Gather, 1 elsewhere.
	Processes int
	// TotalRows is ActualRows × Loops.
	TotalRows float64
	// MisestimateFactor is max(actual, estimate)/min(actual, estimate),
	// rows per loop, each at least 1; nil without actual rows or when the
	// node never ran. Direction is "under" when the planner expected fewer
	// rows than came, "over" when more, "" when exact.
	MisestimateFactor    *float64
	MisestimateDirection string
	// RowsRemovedShare is the share of rows read that the filter (or index
	// recheck) discarded, in [0, 1]; nil when nothing was reported.
	RowsRemovedShare *float64
	// ExclusiveBuffers is the node's buffers minus its children's.
	ExclusiveBuffers Buffers
}

// Analyze computes the derived metrics of every node. Parse calls it; call
// it again only after changing a plan by hand.
func Analyze(p *Plan) {
	procs := make([]int, len(p.Nodes)+1)
	for _, n := range p.Nodes {
		pr := 1
		if n.Parent != nil {
			pr = procs[n.Parent.ID]
			if t := n.Parent.NodeType; t == "Gather" || t == "Gather Merge" {
				pr = 1 + workersOf(n.Parent)
			}
		}
		procs[n.ID] = pr
		n.M = Metrics{Processes: pr}
		nodeMetrics(n, p.Timed)
	}
	for i := len(p.Nodes) - 1; i >= 0; i-- {
		exclusive(p.Nodes[i])
	}
	cteCorrection(p)
	var total float64
	if r := p.Root; r != nil && r.M.InclusiveMS != nil {
		total = *r.M.InclusiveMS
	}
	for _, n := range p.Nodes {
		if n.M.ExclusiveMS != nil && total > 0 {
			// Per-loop times are rounded to the microsecond, so thousands of
			// loops can add up to more than the whole: cap at 1.
			n.M.Share = min(*n.M.ExclusiveMS/total, 1)
		}
	}
}

func workersOf(g *Node) int {
	if g.WorkersLaunched != nil {
		return *g.WorkersLaunched
	}
	if g.WorkersPlanned != nil {
		return *g.WorkersPlanned
	}
	return 0
}

func nodeMetrics(n *Node, timed bool) {
	m := &n.M
	if !n.HasActual {
		return
	}
	if n.NeverExecuted && timed {
		zero := 0.0
		m.InclusiveMS = &zero
	}
	m.TotalRows = n.ActualRows * n.Loops
	if n.HasTiming {
		div := float64(m.Processes)
		if n.Loops < div {
			div = n.Loops
		}
		if div < 1 {
			div = 1
		}
		inc := n.ActualTotal * n.Loops / div
		m.InclusiveMS = &inc
	}
	if !n.NeverExecuted && n.HasCosts {
		a, e := max(n.ActualRows, 1), max(n.PlanRows, 1)
		f := max(a, e) / min(a, e)
		m.MisestimateFactor = &f
		switch {
		case a > e:
			m.MisestimateDirection = "under"
		case a < e:
			m.MisestimateDirection = "over"
		}
	}
	removed := deref(n.RowsRemovedByFilter) + deref(n.RowsRemovedByRecheck)
	if n.RowsRemovedByFilter != nil || n.RowsRemovedByRecheck != nil {
		share := 0.0
		if read := removed + n.ActualRows; read > 0 {
			share = removed / read
		}
		m.RowsRemovedShare = &share
	}
}

// exclusive subtracts the children's time and buffers; children are done
// before their parent (reverse pre-order).
func exclusive(n *Node) {
	m := &n.M
	if n.Buffers != nil {
		ex := *n.Buffers
		for _, c := range n.Children {
			if c.Buffers != nil && !isCTE(c) {
				ex = ex.sub(*c.Buffers)
			}
		}
		m.ExclusiveBuffers = ex.clamp()
	}
	if m.InclusiveMS == nil {
		return
	}
	ex := *m.InclusiveMS
	for _, c := range n.Children {
		if c.M.InclusiveMS != nil && !isCTE(c) {
			ex -= *c.M.InclusiveMS
		}
	}
	ex = max(ex, 0)
	m.ExclusiveMS = &ex
}

func isCTE(n *Node) bool { return strings.HasPrefix(n.SubplanName, "CTE ") }

// cteCorrection moves each CTE's time out of the CTE Scans that ran it:
// the CTE subplan is executed on demand by its scans, so their inclusive
// time already holds it, while the CTE hangs off some ancestor.
func cteCorrection(p *Plan) {
	for _, c := range p.Nodes {
		if !isCTE(c) || c.M.InclusiveMS == nil {
			continue
		}
		name := strings.TrimPrefix(c.SubplanName, "CTE ")
		left := *c.M.InclusiveMS
		for _, s := range p.Nodes {
			if left <= 0 {
				break
			}
			if s.NodeType != "CTE Scan" || s.CTEName != name || s.M.ExclusiveMS == nil {
				continue
			}
			take := min(left, *s.M.ExclusiveMS)
			ex := *s.M.ExclusiveMS - take
			s.M.ExclusiveMS = &ex
			left -= take
		}
	}
}

func (b Buffers) clamp() Buffers {
	for _, p := range []*int64{&b.SharedHit, &b.SharedRead, &b.SharedDirtied, &b.SharedWritten,
		&b.LocalHit, &b.LocalRead, &b.LocalDirtied, &b.LocalWritten, &b.TempRead, &b.TempWritten} {
		*p = max(*p, 0)
	}
	b.IOReadMS, b.IOWriteMS = max(b.IOReadMS, 0), max(b.IOWriteMS, 0)
	return b
}

// Hottest returns the node with the largest exclusive time (by cost when
// the plan has no timing), or nil for an empty plan.
func (p *Plan) Hottest() *Node {
	var best *Node
	var bestV float64
	for _, n := range p.Nodes {
		v := n.TotalCost
		if p.Timed {
			v = -1
			if n.M.ExclusiveMS != nil {
				v = *n.M.ExclusiveMS
			}
		}
		if best == nil || v > bestV {
			best, bestV = n, v
		}
	}
	return best
}
