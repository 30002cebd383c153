package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/demo"
)

// TestFixDemoEndToEnd walks the planted slow query of the demo through
// the whole loop with the CLI twin: hypopg predicts a lower cost, the
// written migration lints clean, the read-only run stops before applying,
// --apply --read-write builds a valid index, and the statement run again
// uses it and runs faster.
func TestFixDemoEndToEnd(t *testing.T) {
	dsn := fixDB(t, "fix_e2e", true)
	dir := appliedFolder(t)

	code, r, stderr := runFixJSON(t, append([]string{dsn, "--dir", dir}, slowQueryArgs()...)...)
	if code != 0 {
		t.Fatalf("fix without --apply: exit %d\n%s", code, stderr)
	}
	if r.Plan == nil || r.Plan.Mode != "analyze" {
		t.Errorf("plan: %+v", r.Plan)
	}
	h := r.Hypothetical
	if h == nil || h.Index == nil || h.CostBefore == nil || h.CostAfter == nil || *h.CostAfter >= *h.CostBefore {
		t.Fatalf("hypothetical: %+v", h)
	}
	if *h.Index != "tasks_assignee_id_idx" {
		t.Errorf("best index %q", *h.Index)
	}
	if r.Migration == nil || !r.Migration.Written || r.Migration.Format != "golang-migrate" {
		t.Fatalf("migration: %+v", r.Migration)
	}
	if filepath.Base(r.Migration.Path) != "007_add_tasks_assignee_id_idx.up.sql" {
		t.Errorf("migration path %s", r.Migration.Path)
	}
	lintFile(t, r.Migration.Path)
	if r.After != nil || r.Apply != nil {
		t.Errorf("without --apply nothing is applied: %+v %+v", r.After, r.Apply)
	}

	// Read-only: stops before applying and says how to go on.
	code, r, stderr = runFixJSON(t, append([]string{dsn, "--dir", dir, "--apply"}, slowQueryArgs()...)...)
	last := r.Log[len(r.Log)-1]
	if code != 1 || last.Step != "apply" || last.Status != "stopped" || !strings.Contains(last.Message, "--apply --read-write") ||
		!strings.Contains(stderr, "read-only") {
		t.Fatalf("read-only apply: exit %d, last %+v\n%s", code, last, stderr)
	}
	var n int
	queryRow(t, dsn, "select count(*) from pg_indexes where indexname = 'tasks_assignee_id_idx'", &n)
	if n != 0 {
		t.Fatal("read-only run built the index")
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*_add_tasks_assignee_id_idx.up.sql")); len(files) != 1 {
		t.Errorf("the second run wrote another copy: %v", files)
	}

	code, r, stderr = runFixJSON(t, append([]string{dsn, "--dir", dir, "--apply", "--read-write"}, slowQueryArgs()...)...)
	if code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%+v", code, stderr, r.Log)
	}
	var valid bool
	queryRow(t, dsn, "select indisvalid from pg_index where indexrelid = 'tasks_assignee_id_idx'::regclass", &valid)
	if !valid {
		t.Error("the index is not valid")
	}
	var version int64
	var dirty bool
	queryRow(t, dsn, "select version, dirty from schema_migrations", &version, &dirty)
	if version != 7 || dirty {
		t.Errorf("schema_migrations: %d dirty=%v", version, dirty)
	}
	b, a := r.Before, r.After
	if b == nil || a == nil || b.ExecutionTimeMS == nil || a.ExecutionTimeMS == nil || b.Node == nil || a.Node == nil {
		t.Fatalf("before/after: %+v %+v", b, a)
	}
	if !strings.Contains(*b.Node, "Seq Scan on tasks") || strings.Contains(*a.Node, "Seq Scan") || !strings.Contains(*a.Node, "tasks") {
		t.Errorf("changed node: %s → %s", *b.Node, *a.Node)
	}
	if *a.ExecutionTimeMS >= *b.ExecutionTimeMS || *a.TotalCost >= *b.TotalCost {
		t.Errorf("after is not faster: %.3f ms → %.3f ms, cost %.2f → %.2f", *b.ExecutionTimeMS, *a.ExecutionTimeMS, *b.TotalCost, *a.TotalCost)
	}
	t.Logf("demo: execution %.3f ms → %.3f ms, cost %.2f → %.2f, hypothetical %.2f → %.2f",
		*b.ExecutionTimeMS, *a.ExecutionTimeMS, *b.TotalCost, *a.TotalCost, *h.CostBefore, *h.CostAfter)

	// The Markdown report carries the whole session.
	code, md, _ := runCLI(t, append([]string{"fix", dsn, "--dir", dir, "--format", "markdown"}, slowQueryArgs()...)...)
	if code != 1 || !strings.Contains(md, "none proposing an index") || !strings.Contains(md, "### Before") || !strings.Contains(md, "tasks\\_assignee\\_id\\_idx") {
		t.Errorf("markdown after the fix: exit %d\n%s", code, md)
	}
}

// TestFixNoHypoPG: without the extension the hypothetical step is
// skipped with the install advice, and the migration is still written.
func TestFixNoHypoPG(t *testing.T) {
	dsn := fixDB(t, "fix_nohypo", false)
	dir := filepath.Join(t.TempDir(), "new", "migrations")
	code, r, stderr := runFixJSON(t, append([]string{dsn, "--dir", dir}, slowQueryArgs()...)...)
	if code != 0 || r.Hypothetical == nil || r.Hypothetical.Skipped == nil || !strings.Contains(*r.Hypothetical.Skipped, "CREATE EXTENSION hypopg") {
		t.Fatalf("exit %d, hypothetical %+v\n%s", code, r.Hypothetical, stderr)
	}
	if r.Hypothetical.CostAfter != nil || !strings.Contains(stderr, "skipped") {
		t.Errorf("skip not said: %+v\n%s", r.Hypothetical, stderr)
	}
	// Numbered after the database's history (the demo applied 6), not the
	// empty folder.
	if r.Migration == nil || r.Migration.Format != "pgdeck" || filepath.Base(r.Migration.Path) != "000007_add_tasks_assignee_id_idx.up.sql" {
		t.Fatalf("migration in a new folder: %+v", r.Migration)
	}
	if _, err := os.Stat(r.Migration.Path); err != nil {
		t.Error(err)
	}
}

// TestFixParameters: a statement with $n and no values gets a generic
// plan, says so, and still finds the index; a wrong count is refused.
func TestFixParameters(t *testing.T) {
	dsn := fixDB(t, "fix_params", true)
	dir := appliedFolder(t)
	code, r, stderr := runFixJSON(t, dsn, "--dir", dir, "--query", "SELECT id FROM tasks WHERE assignee_id = $1")
	if code != 0 || r.Plan == nil || r.Plan.Mode != "generic" || !strings.Contains(r.Plan.Why, "no values") {
		t.Fatalf("generic: exit %d plan %+v\n%s", code, r.Plan, stderr)
	}
	if r.Hypothetical == nil || r.Hypothetical.Index == nil || *r.Hypothetical.CostAfter >= *r.Hypothetical.CostBefore {
		t.Errorf("generic hypothetical: %+v", r.Hypothetical)
	}
	code, _, stderr = runCLI(t, "fix", dsn, "--dir", dir, "--query", "SELECT id FROM tasks WHERE assignee_id = $1", "--param", "a", "--param", "b")
	if code != 2 || !strings.Contains(stderr, "2 value(s) given but the statement takes 1") {
		t.Errorf("too many values: exit %d\n%s", code, stderr)
	}
	for _, bad := range [][]string{
		{"fix", dsn, "--dir", dir},
		{"fix", dsn, "--dir", dir, "--query", "select 1", "--queryid", "5"},
		{"fix", dsn, "--dir", dir, "--queryid", "12x"},
		{"fix", dsn, "--dir", dir, "--query", "select 1", "--format", "yaml"},
		{"fix", dsn, "--dir", dir, "--queryid", "123456789"},
	} {
		if code, _, stderr := runCLI(t, bad...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d\n%s", bad[3:], code, stderr)
		}
	}
}

// TestFixIndexExists: with the index there, the loop says so, points
// elsewhere, and writes nothing.
func TestFixIndexExists(t *testing.T) {
	dsn := fixDB(t, "fix_exists", true)
	if err := execSQL(dsn, "create index tasks_assignee_idx on tasks (assignee_id, status)"); err != nil {
		t.Fatal(err)
	}
	dir := appliedFolder(t)
	// A cast on the column keeps the planner off the index.
	code, r, _ := runFixJSON(t, dsn, "--dir", dir, "--query", "SELECT id FROM tasks WHERE assignee_id::text = $1", "--param", "x")
	last := r.Log[len(r.Log)-1]
	if code != 1 || r.Migration != nil || last.Status != "stopped" || !strings.Contains(last.Message, "exists already") ||
		!strings.Contains(last.Message, "cause of the Seq Scan is elsewhere") {
		t.Fatalf("exit %d, migration %+v, log %+v", code, r.Migration, r.Log)
	}
	code, r, _ = runFixJSON(t, append([]string{dsn, "--dir", dir}, slowQueryArgs()...)...)
	last = r.Log[len(r.Log)-1]
	if code != 1 || r.Migration != nil || last.Status != "stopped" {
		t.Fatalf("exit %d, last %+v", code, last)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "007_*")); len(files) != 0 {
		t.Errorf("wrote %v", files)
	}
}

// TestFixApplyFails: a transaction holding a lock on tasks makes the
// concurrent build time out after it created its (invalid) index; the
// loop reports the server's message, drops the invalid index once the
// transaction ends, and sets the history back: nothing is half-done.
func TestFixApplyFails(t *testing.T) {
	dsn := fixDB(t, "fix_fails", true)
	dir := appliedFolder(t)
	ctx := context.Background()
	blocker, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Close(ctx)
	if _, err := blocker.Exec(ctx, "begin; lock table tasks in row exclusive mode"); err != nil {
		t.Fatal(err)
	}
	released := make(chan error, 1)
	go func() { released <- releaseWhenCleanupWaits(dsn, blocker) }()

	code, r, stderr := runFixJSON(t, append([]string{dsn, "--dir", dir, "--apply", "--read-write", "--lock-timeout", "300ms"}, slowQueryArgs()...)...)
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	if code != 1 || r.Apply == nil || !strings.Contains(r.Apply.Failed, "lock timeout") {
		t.Fatalf("exit %d, apply %+v\n%s", code, r.Apply, stderr)
	}
	if len(r.Apply.LeftBehind) != 0 || len(r.Apply.Cleanup) != 2 || !strings.Contains(r.Apply.Cleanup[0], "DROP INDEX CONCURRENTLY") {
		t.Errorf("cleanup: %+v", r.Apply)
	}
	var invalid, records int
	queryRow(t, dsn, "select count(*) from pg_index where not indisvalid", &invalid)
	queryRow(t, dsn, "select count(*) from pgdeck_migrations where version > 6", &records)
	var version int64
	var dirty bool
	queryRow(t, dsn, "select version, dirty from schema_migrations", &version, &dirty)
	if invalid != 0 || records != 0 || version != 6 || dirty {
		t.Errorf("left half-done: %d invalid index(es), %d record(s), head %d dirty=%v", invalid, records, version, dirty)
	}
}

// releaseWhenCleanupWaits rolls the blocker back once the loop's cleanup
// (DROP INDEX CONCURRENTLY) is waiting for it.
func releaseWhenCleanupWaits(dsn string, blocker *pgx.Conn) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	for ctx.Err() == nil {
		var waiting bool
		if err := c.QueryRow(ctx, `select exists (select 1 from pg_stat_activity
			where query like 'DROP INDEX CONCURRENTLY%' and wait_event_type = 'Lock')`).Scan(&waiting); err != nil {
			return err
		}
		if waiting {
			_, err := blocker.Exec(ctx, "rollback")
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ctx.Err()
}

// TestFixQueryIDAndPendingMigrations: the statement comes from
// pg_stat_statements by its queryid (normalised, so planned generically),
// and an apply with other migrations pending before the fix stops and
// names them instead of applying them too.
func TestFixQueryIDAndPendingMigrations(t *testing.T) {
	dsn := fixDB(t, "fix_queryid", true)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "SELECT id FROM tasks WHERE assignee_id = $1", "7cbde19b-7506-7cf6-26a8-87d40bbbb99f"); err != nil {
		t.Fatal(err)
	}
	var id int64
	err = c.QueryRow(ctx, `select queryid from pg_stat_statements
		where dbid = (select oid from pg_database where datname = current_database())
		  and query = 'SELECT id FROM tasks WHERE assignee_id = $1'`).Scan(&id)
	c.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := demo.WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	code, r, stderr := runFixJSON(t, dsn, "--dir", dir, "--queryid", strconv.FormatInt(id, 10), "--apply", "--read-write")
	last := r.Log[len(r.Log)-1]
	if code != 1 || r.Plan == nil || r.Plan.Mode != "generic" || last.Status != "stopped" ||
		!strings.Contains(last.Message, "3 other migration(s) are pending") || !strings.Contains(last.Message, "008_add_tasks_updated_at_index.up.sql") {
		t.Fatalf("exit %d plan %+v last %+v\n%s", code, r.Plan, last, stderr)
	}
	if filepath.Base(r.Migration.Path) != "010_add_tasks_assignee_id_idx.up.sql" {
		t.Errorf("numbered %s", r.Migration.Path)
	}
	var n int
	queryRow(t, dsn, "select count(*) from pg_indexes where indexname in ('tasks_assignee_id_idx', 'tasks_updated_at_idx')", &n)
	if n != 0 {
		t.Error("pending migrations were applied")
	}
}
