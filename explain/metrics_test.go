package explain

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func nodeByLabel(t *testing.T, p *Plan, label string) *Node {
	t.Helper()
	for _, n := range p.Nodes {
		if n.Label() == label {
			return n
		}
	}
	t.Fatalf("no node %q", label)
	return nil
}

// The metrics are checked against figures read off the captured plans by
// hand: a parallel scan's time is wall-clock (total over loops divided by
// the processes), a CTE's time moves from its ancestor to its scan.
func TestMetricsParallelAndCTE(t *testing.T) {
	for _, f := range []string{"parallel-analyze.txt", "parallel-analyze.json"} {
		p := mustParse(t, readFile(t, "testdata/plans/"+f))
		scan := nodeByLabel(t, p, "Parallel Seq Scan on big")
		if scan.M.Processes != 3 || !near(*scan.M.InclusiveMS, scan.ActualTotal) {
			t.Errorf("%s: processes %d inclusive %v actual %v", f, scan.M.Processes, *scan.M.InclusiveMS, scan.ActualTotal)
		}
		share := (deref(scan.RowsRemovedByFilter)) / (deref(scan.RowsRemovedByFilter) + scan.ActualRows)
		if !near(*scan.M.RowsRemovedShare, share) || scan.M.TotalRows != scan.ActualRows*3 {
			t.Errorf("%s: removed share %v want %v", f, *scan.M.RowsRemovedShare, share)
		}
		if scan.M.MisestimateDirection != "under" || !near(*scan.M.MisestimateFactor, scan.ActualRows/scan.PlanRows) {
			t.Errorf("%s: misestimate %v %s", f, *scan.M.MisestimateFactor, scan.M.MisestimateDirection)
		}
		var sum float64
		for _, n := range p.Nodes {
			sum += *n.M.ExclusiveMS
			if *n.M.ExclusiveMS < 0 || n.M.Share < 0 || n.M.Share > 1 {
				t.Errorf("%s: node %d exclusive %v share %v", f, n.ID, *n.M.ExclusiveMS, n.M.Share)
			}
		}
		if sum > *p.Root.M.InclusiveMS+1e-6 {
			t.Errorf("%s: exclusive times sum to %v, more than the root's %v", f, sum, *p.Root.M.InclusiveMS)
		}
	}
	for _, f := range []string{"cte-analyze.txt", "cte-analyze.json"} {
		p := mustParse(t, readFile(t, "testdata/plans/"+f))
		root, cte := p.Nodes[0], p.Nodes[1]
		if cte.SubplanName != "CTE recent" {
			t.Fatalf("%s: node 2 is %q", f, cte.SubplanName)
		}
		merge := root.Children[1]
		if !near(*root.M.ExclusiveMS, root.ActualTotal-merge.ActualTotal) {
			t.Errorf("%s: root exclusive %v, want %v (the CTE is not subtracted twice)", f, *root.M.ExclusiveMS, root.ActualTotal-merge.ActualTotal)
		}
		r1 := nodeByLabel(t, p, "CTE Scan on recent r1")
		if want := max(r1.ActualTotal-cte.ActualTotal, 0); !near(*r1.M.ExclusiveMS, want) {
			t.Errorf("%s: CTE scan exclusive %v, want %v", f, *r1.M.ExclusiveMS, want)
		}
	}
}

func TestMetricsBuffersAndNever(t *testing.T) {
	p := mustParse(t, readFile(t, "testdata/plans/groupjoin-buffers.json"))
	for _, n := range p.Nodes {
		var kids int64
		for _, c := range n.Children {
			kids += c.Buffers.SharedHit
		}
		if want := max(n.Buffers.SharedHit-kids, 0); n.M.ExclusiveBuffers.SharedHit != want {
			t.Errorf("node %d exclusive hits %d, want %d", n.ID, n.M.ExclusiveBuffers.SharedHit, want)
		}
	}
	p = mustParse(t, readFile(t, "testdata/plans/neverexec-analyze.txt"))
	never := 0
	for _, n := range p.Nodes {
		if n.NeverExecuted {
			never++
			if n.M.InclusiveMS == nil || *n.M.InclusiveMS != 0 || n.M.MisestimateFactor != nil {
				t.Errorf("never-executed node %d: %+v", n.ID, n.M)
			}
		}
	}
	if never == 0 {
		t.Error("no never-executed node in neverexec-analyze")
	}
	if h := p.Hottest(); h == nil || h.NeverExecuted {
		t.Errorf("hottest %v", h)
	}
}
