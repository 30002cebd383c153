package explain

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// sameTree parses the text and JSON forms of one plan and fails unless
// they give the same tree: structure, node types and their qualifiers,
// relations, estimates and conditions. Times and parallel row counts come
// from separate runs, so only their presence is compared.
func sameTree(t *testing.T, name, txt, js string) {
	t.Helper()
	pt, err := Parse(txt)
	if err != nil {
		t.Errorf("%s: text: %v", name, err)
		return
	}
	pj, err := Parse(js)
	if err != nil {
		t.Errorf("%s: json: %v", name, err)
		return
	}
	if pt.Format != FormatText || pj.Format != FormatJSON {
		t.Errorf("%s: formats detected as %s and %s", name, pt.Format, pj.Format)
	}
	if len(pt.Nodes) != len(pj.Nodes) {
		t.Errorf("%s: text has %d nodes, json %d\n%s", name, len(pt.Nodes), len(pj.Nodes), txt)
		return
	}
	for i := range pt.Nodes {
		a, b := describe(pt.Nodes[i]), describe(pj.Nodes[i])
		if a != b {
			t.Errorf("%s: node %d differs\ntext: %s\njson: %s", name, i+1, a, b)
		}
	}
	if (pt.PlanningMS == nil) != (pj.PlanningMS == nil) || (pt.ExecutionMS == nil) != (pj.ExecutionMS == nil) {
		t.Errorf("%s: summary presence differs", name)
	}
	if len(pt.Triggers) != len(pj.Triggers) || (pt.JIT == nil) != (pj.JIT == nil) {
		t.Errorf("%s: triggers %v vs %v, jit %v vs %v", name, pt.Triggers, pj.Triggers, pt.JIT, pj.JIT)
	}
	for i := range min(len(pt.Triggers), len(pj.Triggers)) {
		if a, b := pt.Triggers[i], pj.Triggers[i]; a.Name != b.Name || a.Calls != b.Calls || (a.TimeMS == nil) != (b.TimeMS == nil) {
			t.Errorf("%s: trigger %+v vs %+v", name, a, b)
		}
	}
	if !slices.Equal(pt.Settings, pj.Settings) {
		t.Errorf("%s: settings %v vs %v", name, pt.Settings, pj.Settings)
	}
	if pt.Analyzed != pj.Analyzed || pt.Timed != pj.Timed {
		t.Errorf("%s: analyzed/timed %v/%v vs %v/%v", name, pt.Analyzed, pt.Timed, pj.Analyzed, pj.Timed)
	}
}

// describe renders the fields both forms must agree on.
func describe(n *Node) string {
	parent := 0
	if n.Parent != nil {
		parent = n.Parent.ID
	}
	s := fmt.Sprintf("parent=%d depth=%d %q join=%q strat=%q mode=%q par=%v async=%v op=%q cmd=%q rel=%q schema=%q alias=%q idx=%q dir=%q cte=%q fn=%q sub=%q/%q",
		parent, n.Depth, n.NodeType, n.JoinType, n.Strategy, n.PartialMode, n.ParallelAware, n.AsyncCapable, n.Operation, n.Command,
		n.Relation, n.Schema, n.Alias, n.Index, n.ScanDirection, n.CTEName, n.FunctionName, n.ParentRelationship, n.SubplanName)
	s += fmt.Sprintf(" costs=%v %.2f..%.2f rows=%.2f width=%d actual=%v timing=%v never=%v",
		n.HasCosts, n.StartupCost, n.TotalCost, n.PlanRows, n.PlanWidth, n.HasActual, n.HasTiming, n.NeverExecuted)
	s += fmt.Sprintf(" filter=%q icond=%q recheck=%q jf=%q hash=%q merge=%q out=%q",
		n.Filter, n.IndexCond, n.RecheckCond, n.JoinFilter, n.HashCond, n.MergeCond, n.Output)
	if n.M.Processes == 1 && !n.ParallelAware {
		s += fmt.Sprintf(" loops=%v", n.Loops)
		if n.NodeType != "Hash" && n.NodeType != "Sort" {
			s += fmt.Sprintf(" arows=%v", n.ActualRows)
		}
	}
	s += fmt.Sprintf(" removed=%v sortmethod=%q batches=%v", n.RowsRemovedByFilter != nil, n.SortMethod, n.HashBatches != nil)
	return s
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
