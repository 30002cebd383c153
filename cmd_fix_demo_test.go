package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/demo"
)

// TestFixFreshDemo is the acceptance on a fresh `pgdeck demo`: the
// database as the demo leaves it (hypopg enabled by the demo's own step)
// and the demo's whole migrations folder, with 007–009 pending and 008 and
// 009 dangerous. The default apply refuses because of them; with
// --include-pending it still refuses their lint errors without
// --allow-dangerous; with both the flow runs to the end: lower
// hypothetical cost, clean lint, a valid index, after faster than before.
func TestFixFreshDemo(t *testing.T) {
	dsn := fixDB(t, "fix_fresh_demo", false)
	var said []string
	say := func(f string, a ...any) { said = append(said, fmt.Sprintf(f, a...)) }
	if err := enableHypoPG(context.Background(), dsn, say); err != nil {
		t.Fatal(err)
	}
	if len(said) != 1 || !strings.Contains(said[0], "hypopg enabled") {
		t.Fatalf("demo progress: %q", said)
	}
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := demo.WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	base := append([]string{dsn, "--dir", dir, "--apply", "--read-write"}, slowQueryArgs()...)

	code, r, stderr := runFixJSON(t, base...)
	last := r.Log[len(r.Log)-1]
	if code != 1 || last.Status != "stopped" || !strings.Contains(last.Message, "--include-pending") {
		t.Fatalf("default apply with pending migrations: exit %d, last %+v\n%s", code, last, stderr)
	}
	code, r, stderr = runFixJSON(t, append(base, "--include-pending")...)
	last = r.Log[len(r.Log)-1]
	if code != 1 || last.Status != "stopped" || !strings.Contains(last.Message, "--allow-dangerous") ||
		!strings.Contains(last.Message, "create-index-not-concurrently") {
		t.Fatalf("dangerous pending without --allow-dangerous: exit %d, last %+v\n%s", code, last, stderr)
	}
	var head int64
	queryRow(t, dsn, "select version from schema_migrations", &head)
	if head != demo.AppliedVersion {
		t.Fatalf("a refused apply moved the history to %d", head)
	}

	code, r, stderr = runFixJSON(t, append(base, "--include-pending", "--allow-dangerous")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%+v", code, stderr, r.Log)
	}
	h := r.Hypothetical
	if h == nil || h.CostBefore == nil || h.CostAfter == nil || *h.CostAfter >= *h.CostBefore {
		t.Fatalf("hypothetical: %+v", h)
	}
	if r.Migration == nil || filepath.Base(r.Migration.Path) != "010_add_tasks_assignee_id_idx.up.sql" {
		t.Fatalf("migration: %+v", r.Migration)
	}
	lintFile(t, r.Migration.Path)
	if r.Apply == nil || len(r.Apply.Earlier) != 3 || !strings.HasPrefix(r.Apply.Earlier[1], "008_") {
		t.Fatalf("earlier migrations not named: %+v", r.Apply)
	}
	applyLog := ""
	for _, e := range r.Log {
		if e.Step == "apply" {
			applyLog = e.Message
		}
	}
	if !strings.Contains(applyLog, "3 migration(s) pending before it") || !strings.Contains(applyLog, "009_projects_budget_numeric.up.sql") {
		t.Errorf("apply log does not say which: %q", applyLog)
	}
	var valid bool
	queryRow(t, dsn, "select indisvalid from pg_index where indexrelid = 'tasks_assignee_id_idx'::regclass", &valid)
	queryRow(t, dsn, "select version from schema_migrations", &head)
	if !valid || head != 10 {
		t.Errorf("index valid %v, head %d", valid, head)
	}
	b, a := r.Before, r.After
	if b == nil || a == nil || b.ExecutionTimeMS == nil || a.ExecutionTimeMS == nil || *a.ExecutionTimeMS >= *b.ExecutionTimeMS ||
		!strings.Contains(*b.Node, "Seq Scan on tasks") || strings.Contains(*a.Node, "Seq Scan") {
		t.Fatalf("before/after: %+v %+v", b, a)
	}
	t.Logf("fresh demo: hypothetical cost %.2f → %.2f; execution %.3f ms → %.3f ms; cost %.2f → %.2f",
		*h.CostBefore, *h.CostAfter, *b.ExecutionTimeMS, *a.ExecutionTimeMS, *b.TotalCost, *a.TotalCost)
}
