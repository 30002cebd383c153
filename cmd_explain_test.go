package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

func runExplainCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errw bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errw)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(append([]string{"explain"}, args...))
	err := root.ExecuteContext(context.Background())
	return out.String(), err
}

func TestExplainJSONTwin(t *testing.T) {
	out, err := runExplainCmd(t, "", "explain/testdata/plans/innerloops-analyze.txt", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		NodeCount int              `json:"node_count"`
		Planning  *float64         `json:"planning_time_ms"`
		Execution *float64         `json:"execution_time_ms"`
		Nodes     []map[string]any `json:"nodes"`
		Findings  []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.NodeCount != len(doc.Nodes) || doc.NodeCount < 4 || doc.Planning == nil || doc.Execution == nil {
		t.Fatalf("summary: %+v", doc)
	}
	for _, k := range []string{"id", "parent", "depth", "node_type", "relation", "index", "inclusive_ms", "exclusive_ms",
		"actual_rows", "plan_rows", "loops", "misestimate_factor", "misestimate_direction"} {
		if _, ok := doc.Nodes[0][k]; !ok {
			t.Errorf("node field %s missing", k)
		}
	}
	if doc.Nodes[0]["parent"] != nil || doc.Nodes[0]["relation"] != nil || doc.Nodes[1]["parent"] != float64(1) {
		t.Errorf("root/child: %v / %v", doc.Nodes[0], doc.Nodes[1])
	}
	f := doc.Findings[0]
	if f["rule"] != "nested-loop-inner-loops" || f["node_id"] == nil || f["severity"] != "warning" {
		t.Errorf("first finding %v", f)
	}
}

func TestExplainStdinErrorsBundlesCompare(t *testing.T) {
	if _, err := runExplainCmd(t, "this is not a plan\n", "-"); err == nil || !strings.Contains(err.Error(), "not a plan node") {
		t.Errorf("garbage on stdin: %v", err)
	}
	var ee *exitError
	if _, err := runExplainCmd(t, "", "no/such/file"); err == nil || !asExit(err, &ee) || ee.code != 1 {
		t.Errorf("missing file: %v", err)
	}
	src, _ := os.ReadFile("explain/testdata/paste/psql-text.txt")
	bundle := filepath.Join(t.TempDir(), "plan.pgdeck.json")
	direct, err := runExplainCmd(t, string(src), "-", "--save", bundle)
	if err != nil {
		t.Fatal(err)
	}
	reopened, err := runExplainCmd(t, "", bundle)
	if err != nil || reopened != direct {
		t.Errorf("bundle reopened differently (%v):\n%s\nvs\n%s", err, reopened, direct)
	}
	md, err := runExplainCmd(t, "", bundle, "--format", "markdown")
	if err != nil || !strings.Contains(md, "| # | node |") {
		t.Errorf("markdown: %v\n%s", err, md)
	}
	cmp, err := runExplainCmd(t, "", "--compare", "explain/testdata/compare/before.txt", "explain/testdata/compare/after.json")
	if err != nil || !strings.Contains(cmp, "Seq Scan on tasks became Bitmap Heap Scan") {
		t.Errorf("compare: %v\n%s", err, cmp)
	}
	if _, err := runExplainCmd(t, "", "--compare", "a"); err == nil || !isUsageError(err) {
		t.Errorf("compare with one file: %v", err)
	}
}

func asExit(err error, target **exitError) bool {
	e, ok := err.(*exitError)
	*target = e
	return ok
}

func TestExplainCommandOnDatabase(t *testing.T) {
	ctx := context.Background()
	srv, err := pgtmp.Start(ctx, pgtmp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE TABLE tasks (id int PRIMARY KEY, project_id int, v text);
		INSERT INTO tasks SELECT g, g % 500, 'x' FROM generate_series(1, 30000) g; ANALYZE tasks`); err != nil {
		t.Fatal(err)
	}
	dsn := srv.ConnString("postgres")
	out, err := runExplainCmd(t, "", "-c", "SELECT * FROM tasks WHERE project_id = 7", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "CREATE INDEX CONCURRENTLY tasks_project_id_idx ON tasks (project_id);") {
		t.Errorf("no index proposal:\n%s", out)
	}
	// With the index in place the plan uses it and nothing is proposed
	// (the already-exists wording is tested in explain/).
	if _, err := c.Exec(ctx, "CREATE INDEX tasks_project_id_idx ON tasks (project_id)"); err != nil {
		t.Fatal(err)
	}
	out, err = runExplainCmd(t, "", "-c", "SELECT * FROM tasks WHERE project_id = 7", dsn, "--format", "json")
	if err != nil || strings.Contains(out, "CREATE INDEX") || !strings.Contains(out, `"index": "tasks_project_id_idx"`) {
		t.Errorf("index proposed again (%v):\n%s", err, out)
	}
	if _, err := runExplainCmd(t, "", "-c", "DELETE FROM tasks", dsn); err == nil || !strings.Contains(err.Error(), "--no-analyze") {
		t.Errorf("DELETE under ANALYZE in read-only mode: %v", err)
	}
	if out, err := runExplainCmd(t, "", "-c", "DELETE FROM tasks", dsn, "--no-analyze"); err != nil || !strings.Contains(out, "ModifyTable") && !strings.Contains(out, "Delete on tasks") {
		t.Errorf("plain EXPLAIN of DELETE: %v\n%s", err, out)
	}
	if _, err := runExplainCmd(t, "", "-c", "SELECT 1; SELECT 2", dsn); err == nil || !strings.Contains(err.Error(), "one statement") {
		t.Errorf("two statements: %v", err)
	}
	bundle := filepath.Join(t.TempDir(), "b.json")
	if _, err := runExplainCmd(t, "", "-c", "SELECT count(*) FROM tasks", dsn, "--save", bundle, "--format", "json"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(bundle)
	var b map[string]any
	if err := json.Unmarshal(raw, &b); err != nil || b["statement"] != "SELECT count(*) FROM tasks" || b["server_version"] == "" || b["settings"] == nil {
		t.Errorf("bundle %v: %s", err, raw)
	}
	if out, err := runExplainCmd(t, "", bundle, "--format", "json"); err != nil || !strings.Contains(out, `"query_text": "SELECT count(*) FROM tasks"`) {
		t.Errorf("reopened bundle: %v\n%s", err, out)
	}
	if _, err := runExplainCmd(t, "", "-c", "VACUUM tasks", dsn); err == nil || !strings.Contains(err.Error(), "transaction block") {
		t.Errorf("VACUUM: %v", err)
	}
}
