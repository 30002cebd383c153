package explain

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ruleSet renders findings as "rule@NodeType" in order.
func ruleSet(p *Plan, fs []PlanFinding) []string {
	var out []string
	for _, f := range fs {
		where := "plan"
		if f.NodeID != nil {
			where = p.Nodes[*f.NodeID-1].NodeType
		}
		out = append(out, f.Rule+"@"+where)
	}
	return out
}

func TestFindingsOnCapturedPlans(t *testing.T) {
	for _, c := range []struct {
		plan string
		want []string
	}{
		{"seqfilter", []string{"seq-scan-filter@Seq Scan", "row-misestimate@Seq Scan"}},
		{"seqrange", []string{"seq-scan-filter@Seq Scan"}},
		{"sortspill", []string{"sort-spill@Sort"}},
		{"hashbatches", []string{"hash-batches@Hash"}},
		{"lossy", []string{"lossy-bitmap@Bitmap Heap Scan"}},
		{"heapfetch", []string{"heap-fetches@Index Only Scan"}},
		{"innerloops", []string{"nested-loop-inner-loops@Nested Loop", "heap-fetches@Index Only Scan"}},
		{"misestimate", []string{"row-misestimate@Seq Scan"}},
		{"jit", []string{"jit-dominates@plan"}},
		{"trigger", []string{"slow-trigger@plan"}},
		{"incsort", nil},  // below a Limit: fewer rows than planned is expected
		{"backward", nil}, // idem
		{"cte", nil},      // nothing wrong
		{"functionscan", nil},
	} {
		for _, ext := range []string{".txt", ".json"} {
			name := c.plan + "-analyze" + ext
			p := mustParse(t, readFile(t, "testdata/plans/"+name))
			got := ruleSet(p, Findings(p, Options{}))
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: findings %q, want %q", name, got, c.want)
			}
		}
	}
}

func TestSeqScanIndexProposal(t *testing.T) {
	p := mustParse(t, readFile(t, "testdata/plans/seqfilter-verbose.json"))
	fs := Findings(p, Options{})
	if len(fs) == 0 || fs[0].Rule != "seq-scan-filter" {
		t.Fatalf("findings %v", fs)
	}
	if want := "CREATE INDEX CONCURRENTLY tasks_project_id_status_idx ON public.tasks (project_id, status);"; fs[0].Fix != want {
		t.Errorf("fix %q, want %q", fs[0].Fix, want)
	}
	if fs[0].NodeID == nil || *fs[0].NodeID != 1 || fs[0].Severity != "warning" {
		t.Errorf("finding %+v", fs[0])
	}
	// Connected: an index leading with project_id exists, so the cause is
	// elsewhere and no second index is proposed.
	fs = Findings(p, Options{Indexes: func(schema, rel string) [][]string {
		if schema == "public" && rel == "tasks" {
			return [][]string{{"id"}, {"project_id", "created_at"}}
		}
		return nil
	}})
	if strings.Contains(fs[0].Fix, "CREATE INDEX") || !strings.Contains(fs[0].Message, "exists already") {
		t.Errorf("with an existing index: %+v", fs[0])
	}
}

func TestParseFilter(t *testing.T) {
	for _, c := range []struct{ filter, alias, want string }{
		{"((project_id = 42) AND (status = 'open'::text))", "", "[project_id status] []"},
		{"((created_at > now()) AND (project_id = 7))", "", "[project_id] [created_at]"},
		{"((id > 100) AND (status <> 'done'::text) AND (project_id = 7))", "", "[project_id id]"},
		{"(42 = project_id)", "", "[project_id]"},
		{"((kind)::text = ANY ('{a,b}'::text[]))", "", "[kind]"},
		{"(deleted_at IS NULL)", "", "[deleted_at]"},
		{"(t.project_id = p.id)", "t", "[project_id]"},
		{`("Weird Col" = 1)`, "", `["Weird Col"]`},
	} {
		fc, err := ParseScanFilter(c.filter, c.alias)
		if err != nil {
			t.Errorf("%s: %v", c.filter, err)
			continue
		}
		got := fmt.Sprint(fc.Equality, " ", fc.Range)
		if strings.Count(c.want, "[") == 1 {
			got = fmt.Sprint(fc.IndexColumns())
		}
		if c.filter == `("Weird Col" = 1)` {
			got = fmt.Sprint(quoteAll(fc.IndexColumns()))
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.filter, got, c.want)
		}
	}
	for _, bad := range []string{"((a = 1) OR (b = 2))", "(SubPlan 1)", "(lower(status) = 'x'::text)", "not sql at all ((("} {
		if fc, err := ParseFilter(bad); err == nil {
			t.Errorf("%s: accepted as %+v", bad, fc)
		}
	}
}

func TestWorkersNotLaunched(t *testing.T) {
	src := strings.Replace(readFile(t, "testdata/plans/parallel-analyze.txt"), "Workers Launched: 2", "Workers Launched: 0", 1)
	p := mustParse(t, src)
	got := ruleSet(p, Findings(p, Options{}))
	if !slices.Contains(got, "workers-not-launched@Gather") {
		t.Errorf("findings %v", got)
	}
	if s := mustParse(t, src).Nodes[2].M.Processes; s != 1 {
		t.Errorf("with no worker launched the partial aggregate ran in %d processes", s)
	}
}
