package demo

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// planNode is the part of EXPLAIN (FORMAT JSON) the tests read.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	Parallel  bool       `json:"Parallel Aware"`
	TotalCost float64    `json:"Total Cost"`
	Time      float64    `json:"Actual Total Time"`
	SharedHit int64      `json:"Shared Hit Blocks"`
	SharedRd  int64      `json:"Shared Read Blocks"`
	Plans     []planNode `json:"Plans"`
}

// explain returns the root node of the plan of SlowQuery with its args.
func explain(t *testing.T, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, options string) planNode {
	t.Helper()
	var raw []byte
	if err := q.QueryRow(t.Context(), "EXPLAIN ("+options+"FORMAT JSON) "+SlowQuery, SlowQueryArgs...).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	var doc []struct{ Plan planNode }
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc) != 1 {
		t.Fatalf("decode plan: %v: %s", err, raw)
	}
	return doc[0].Plan
}

// nodeTypes lists the node types of a plan, depth first.
func nodeTypes(n planNode) []string {
	out := []string{n.NodeType}
	if n.Parallel {
		out[0] = "Parallel " + out[0]
	}
	for _, c := range n.Plans {
		out = append(out, nodeTypes(c)...)
	}
	return out
}

// scans lists "Node Type on relation" for every node reading tasks.
func scans(n planNode) []string {
	var out []string
	if n.Relation == "tasks" {
		out = append(out, n.NodeType+" on tasks")
	}
	for _, c := range n.Plans {
		out = append(out, scans(c)...)
	}
	return out
}

// TestSlowQuery checks that SlowQuery with SlowQueryArgs selects a few
// rows with a sequential scan of tasks, and that an index on the planted
// unindexed column turns it into an index scan reading a small fraction of
// the buffers.
func TestSlowQuery(t *testing.T) {
	conn := connect(t)
	ctx := t.Context()
	rows, err := conn.Query(ctx, SlowQuery, SlowQueryArgs...)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Err() != nil || n < 1 || n >= 50 {
		t.Fatalf("SlowQuery returned %d rows (err %v), want 1..49", n, rows.Err())
	}
	before := explain(t, conn, "ANALYZE, BUFFERS, ")
	if s := strings.Join(scans(before), ", "); !strings.Contains(s, "Seq Scan on tasks") {
		t.Fatalf("plan scans %q, want a Seq Scan on tasks", s)
	} else {
		t.Logf("before: %s", strings.Join(nodeTypes(before), " → "))
	}

	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	ddl := "CREATE INDEX ON " + PlantedUnindexedFKTable + " (" + PlantedUnindexedFKColumn + ")"
	if _, err := tx.Exec(ctx, ddl); err != nil {
		t.Fatal(err)
	}
	after := explain(t, tx, "ANALYZE, BUFFERS, ")
	s := strings.Join(scans(after), ", ")
	// With ~20 matching rows on as many pages the planner may prefer a
	// bitmap scan to a plain index scan; both use the new index.
	if strings.Contains(s, "Seq Scan") || !(strings.Contains(s, "Index") || strings.Contains(s, "Bitmap Heap Scan")) {
		t.Errorf("after %s the plan scans %q, want an index or bitmap scan", ddl, s)
	}
	t.Logf("after %s: %s", ddl, s)
	t.Logf("cost %.0f → %.0f, shared buffers %d → %d, time %.3f ms → %.3f ms", before.TotalCost, after.TotalCost,
		before.SharedHit+before.SharedRd, after.SharedHit+after.SharedRd, before.Time, after.Time)
	if after.TotalCost*10 > before.TotalCost {
		t.Errorf("estimated cost %.0f → %.0f: want at least ten times lower", before.TotalCost, after.TotalCost)
	}
	if (after.SharedHit+after.SharedRd)*10 > before.SharedHit+before.SharedRd {
		t.Errorf("buffers %d → %d: want at least ten times fewer", before.SharedHit+before.SharedRd, after.SharedHit+after.SharedRd)
	}
}
