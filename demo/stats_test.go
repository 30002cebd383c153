package demo

import (
	"strings"
	"testing"
)

// TestStatementsRecorded checks that the workload's statements are in
// pg_stat_statements with the expected call counts, and logs their mean
// times so the slow query's rank can be read off a test run.
func TestStatementsRecorded(t *testing.T) {
	calls := map[string]int64{}
	for _, st := range workloadStatements {
		calls[st.Query] += st.Calls
		t.Logf("%8.3f ms × %4d  %.70s", st.Mean, st.Calls, strings.Join(strings.Fields(st.Query), " "))
	}
	// pg_stat_statements replaces constants by $n, so statements are
	// recognised by a fragment without constants.
	want := map[string]int64{
		"WHERE assignee_id = $1 AND status <> $2":  SlowQueryCalls, // SlowQuery
		"FROM tasks WHERE project_id = $1":         200,            // N+1
		"JOIN users u ON u.id = t.reporter_id":     40,             // 4-table join
		"percentile_cont($":                        10,             // aggregation
		"FROM activity_logs WHERE task_id = $1":    30,
		"FROM task_tags tt JOIN tasks t ON t.id =": 20,
	}
	for frag, min := range want {
		var n int64
		for q, c := range calls {
			if strings.Contains(q, frag) {
				n += c
			}
		}
		if n < min {
			t.Errorf("calls of statements containing %q = %d, want ≥ %d", frag, n, min)
		}
	}
	// SlowQuery is the only statement reading tasks sequentially.
	t.Logf("tasks: %d sequential scans, %d index scans", tasksSeqScans, tasksIdxScans)
	if tasksSeqScans < SlowQueryCalls {
		t.Errorf("tasks: %d sequential scans, want at least %d", tasksSeqScans, SlowQueryCalls)
	}
	if SlowQueryCalls < 100 {
		t.Errorf("SlowQueryCalls = %d: PgHero's slow threshold needs ≥ 100 calls", SlowQueryCalls)
	}
}
