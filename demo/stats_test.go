package demo

import (
	"context"
	"strings"
	"testing"
)

// TestStatementsRecorded checks that the workload's statements are in
// pg_stat_statements with the expected call counts, and logs their mean
// times so the slow query's rank can be read off a test run.
func TestStatementsRecorded(t *testing.T) {
	conn := connect(t)
	ctx := context.Background()
	rows, err := conn.Query(ctx, `SELECT query, calls, mean_exec_time
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY mean_exec_time DESC`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	calls := map[string]int64{}
	for rows.Next() {
		var q string
		var n int64
		var mean float64
		if err := rows.Scan(&q, &n, &mean); err != nil {
			t.Fatal(err)
		}
		calls[q] = n
		t.Logf("%8.3f ms × %4d  %.70s", mean, n, strings.Join(strings.Fields(q), " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
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
	if SlowQueryCalls < 100 {
		t.Errorf("SlowQueryCalls = %d: PgHero's slow threshold needs ≥ 100 calls", SlowQueryCalls)
	}
}
