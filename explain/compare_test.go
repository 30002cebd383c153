package explain

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestGenerateCompare captures a plan before and after an index is built
// (in a transaction that is rolled back); with -update it writes them to
// testdata/compare.
func TestGenerateCompare(t *testing.T) {
	s := server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	q := "SELECT * FROM tasks WHERE project_id = 42 AND status = 'open'"
	before, err := capture(ctx, conn, nil, "ANALYZE, BUFFERS", q)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "CREATE INDEX tasks_project_id_status_idx ON tasks (project_id, status)"); err != nil {
		t.Fatal(err)
	}
	var after, afterPlain string
	for _, c := range []struct {
		opts string
		out  *string
	}{{"ANALYZE, BUFFERS, FORMAT JSON", &after}, {"", &afterPlain}} {
		rows, err := tx.Query(ctx, strings.TrimSuffix("EXPLAIN ("+c.opts+") ", "() ")+" "+q)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		*c.out = strings.Join(lines, "\n") + "\n"
	}
	checkIndexCompare(t, before, after)
	checkIndexCompare(t, before, afterPlain)
	if *update {
		dir := filepath.Join("testdata", "compare")
		write(t, filepath.Join(dir, "before.txt"), before)
		write(t, filepath.Join(dir, "after.json"), after)
		write(t, filepath.Join(dir, "after-plain.txt"), afterPlain)
	}
}

func checkIndexCompare(t *testing.T, before, after string) {
	t.Helper()
	c := Compare(mustParse(t, before), mustParse(t, after))
	joined := strings.Join(c.Summary, "\n")
	if !strings.Contains(joined, "Seq Scan on tasks became ") || !strings.Contains(joined, "using tasks_project_id_status_idx") {
		t.Errorf("summary does not say what changed:\n%s", joined)
	}
	if c.Pairs[0].Before == nil || c.Pairs[0].Before.NodeType != "Seq Scan" || c.Pairs[0].Status != Changed {
		t.Errorf("first pair %+v", c.Pairs[0])
	}
	if c.After.Analyzed && !strings.Contains(joined, "execution time") {
		t.Errorf("no execution time change in %s", joined)
	}
}

func TestCompareFixtures(t *testing.T) {
	before := mustParse(t, readFile(t, "testdata/compare/before.txt"))
	for _, f := range []string{"after.json", "after-plain.txt"} {
		checkIndexCompare(t, readFile(t, "testdata/compare/before.txt"), readFile(t, "testdata/compare/"+f))
		r := NewCompareReport(Compare(before, mustParse(t, readFile(t, "testdata/compare/"+f))))
		if r.Before.NodeCount != 1 || r.Before.ExecutionTimeMS == nil {
			t.Errorf("%s: before summary %+v", f, r.Before)
		}
		if (r.After.ExecutionTimeMS == nil) != (f == "after-plain.txt") {
			t.Errorf("%s: after execution time %v", f, r.After.ExecutionTimeMS)
		}
	}
	// A join strategy change pairs scans by relation and reports the join.
	a := mustParse(t, readFile(t, "testdata/plans/groupjoin-analyze.txt"))
	b := mustParse(t, readFile(t, "testdata/plans/memoize-analyze.json"))
	c := Compare(a, b)
	var statuses []PairStatus
	for _, p := range c.Pairs {
		statuses = append(statuses, p.Status)
		if p.Before != nil && p.After != nil && p.Before.Relation != p.After.Relation {
			t.Errorf("paired %s with %s", p.Before.Label(), p.After.Label())
		}
	}
	if !slices.Contains(statuses, Added) || !slices.Contains(statuses, Removed) {
		t.Errorf("statuses %v", statuses)
	}
	seen := map[*Node]bool{}
	for _, p := range c.Pairs {
		for _, n := range []*Node{p.Before, p.After} {
			if n != nil && seen[n] {
				t.Errorf("node %s listed twice", n.Label())
			}
			seen[n] = true
		}
	}
	if len(seen)-1 != len(a.Nodes)+len(b.Nodes) {
		t.Errorf("%d nodes listed, want %d", len(seen)-1, len(a.Nodes)+len(b.Nodes))
	}
}
