package main

import (
	"strings"
	"testing"
)

// TestFixNoCandidateUsed: on a table of a few rows the planner keeps its
// Seq Scan even with the hypothetical index, so the loop stops at step c
// and writes nothing; a statement that changes data is planned with plain
// EXPLAIN and never run.
func TestFixNoCandidateUsed(t *testing.T) {
	dsn := newTestDB(t, "fix_small", `create extension hypopg;
		create table small (id int primary key, tag text);
		insert into small select g, 'tag' || g from generate_series(1, 20) g;
		analyze small;`)
	dir := t.TempDir()
	code, r, stderr := runFixJSON(t, dsn, "--dir", dir, "--query", "SELECT id FROM small WHERE tag = $1")
	last := r.Log[len(r.Log)-1]
	if code != 1 || last.Step != "hypothetical" || last.Status != "stopped" || r.Migration != nil ||
		r.Hypothetical == nil || len(r.Hypothetical.Candidates) != 1 || r.Hypothetical.Index != nil {
		t.Fatalf("exit %d, last %+v, hypothetical %+v\n%s", code, last, r.Hypothetical, stderr)
	}
	code, r, stderr = runFixJSON(t, dsn, "--dir", dir, "--query", "DELETE FROM small WHERE tag = 'x'")
	if r.Plan == nil || r.Plan.Mode != "explain" || !strings.Contains(r.Plan.Why, "never run") {
		t.Fatalf("write statement: exit %d plan %+v\n%s", code, r.Plan, stderr)
	}
	var n int
	queryRow(t, dsn, "select count(*) from small", &n)
	if n != 20 {
		t.Errorf("the DELETE ran: %d rows left", n)
	}
}
