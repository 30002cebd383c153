package explain

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// planCase is one statement captured under several option sets.
type planCase struct {
	name     string
	settings []string
	sql      string
	opts     []string // option sets; nil means optionSets
}

// optionSets are the EXPLAIN option combinations PostgreSQL 15 accepts
// (GENERIC_PLAN, MEMORY and SERIALIZE are newer: see testdata/hand).
var optionSets = map[string]string{
	"plain":    "",
	"analyze":  "ANALYZE",
	"buffers":  "ANALYZE, BUFFERS",
	"verbose":  "ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL",
	"timeoff":  "ANALYZE, TIMING OFF",
	"costsoff": "ANALYZE, COSTS OFF, SUMMARY OFF",
	"nocosts":  "COSTS OFF",
	"summary":  "VERBOSE, SUMMARY, SETTINGS",
}

var small = []string{"work_mem = '64kB'"}
var noHash = []string{"enable_hashjoin = off", "enable_mergejoin = off"}
var parallel = []string{"parallel_setup_cost = 0", "parallel_tuple_cost = 0", "min_parallel_table_scan_size = 0", "max_parallel_workers_per_gather = 2"}

var planCases = []planCase{
	{name: "seqfilter", sql: "SELECT * FROM tasks WHERE project_id = 42 AND status = 'open'"},
	{name: "seqrange", sql: "SELECT id FROM tasks WHERE project_id = 7 AND id > 100 AND status <> 'done'", opts: []string{"analyze"}},
	{name: "groupjoin", sql: "SELECT p.name, count(*) FROM tasks t JOIN projects p ON p.id = t.project_id GROUP BY p.name ORDER BY 2 DESC LIMIT 5"},
	{name: "leftjoin", sql: "SELECT p.id, t.id FROM projects p LEFT JOIN tasks t ON t.project_id = p.id AND t.id < 300 WHERE p.id < 20"},
	{name: "antijoin", sql: "SELECT id FROM projects p WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id AND t.status = 'late')"},
	{name: "parallel", settings: parallel, sql: "SELECT count(*), sum(v) FROM big WHERE v % 7 = 0"},
	{name: "parallelsort", settings: append([]string{"work_mem = '1MB'"}, parallel...), sql: "SELECT v, count(*) FROM big GROUP BY v ORDER BY v"},
	{name: "subplans", sql: "SELECT p.id, (SELECT count(*) FROM tasks t WHERE t.project_id = p.id), (SELECT max(id) FROM tasks) FROM projects p WHERE p.id < 4"},
	{name: "cte", sql: "WITH recent AS MATERIALIZED (SELECT * FROM tasks WHERE id > 49000) SELECT count(*) FROM recent r1 JOIN recent r2 ON r1.id = r2.id"},
	{name: "partitions", sql: "SELECT * FROM events WHERE kind = 3 AND at > '2024-06-01'"},
	{name: "memoize", settings: noHash, sql: "SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id < 2000"},
	{name: "innerloops", settings: append([]string{"enable_memoize = off"}, noHash...), sql: "SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id"},
	{name: "incsort", sql: "SELECT * FROM tasks ORDER BY id, status LIMIT 10"},
	{name: "sortspill", settings: small, sql: "SELECT * FROM tasks ORDER BY payload"},
	{name: "hashbatches", settings: small, sql: "SELECT count(*) FROM tasks t JOIN tasks u ON t.payload = u.payload"},
	{name: "hashaggspill", settings: small, sql: "SELECT payload, count(*) FROM tasks GROUP BY payload", opts: []string{"analyze", "buffers"}},
	{name: "lossy", settings: append([]string{"enable_seqscan = off", "enable_indexscan = off"}, small...), sql: "SELECT count(*) FROM big WHERE id < 450000"},
	{name: "heapfetch", settings: []string{"enable_seqscan = off", "enable_bitmapscan = off"}, sql: "SELECT id FROM tasks WHERE id < 5000"},
	{name: "backward", sql: `SELECT * FROM "User Accounts" ua ORDER BY id DESC LIMIT 5`},
	{name: "misestimate", sql: "SELECT count(*) FROM tasks WHERE lower(status) = 'open'"},
	{name: "mergejoin", settings: []string{"enable_hashjoin = off"}, sql: "SELECT count(*) FROM tasks t JOIN tasks u ON u.id = t.id"},
	{name: "setop", sql: "SELECT id FROM projects EXCEPT SELECT project_id FROM tasks WHERE id < 100"},
	{name: "window", sql: "SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY id) FROM tasks WHERE id < 100"},
	{name: "groupingsets", sql: "SELECT status, project_id, count(*) FROM tasks GROUP BY GROUPING SETS ((status), (project_id))", opts: []string{"analyze", "verbose"}},
	{name: "functionscan", sql: "SELECT * FROM generate_series(1, 10) g JOIN (VALUES (1), (2)) v(x) ON v.x = g"},
	{name: "neverexec", settings: noHash, sql: "SELECT * FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id < 0"},
	{name: "trigger", sql: "UPDATE tasks SET status = 'done' WHERE id <= 5", opts: []string{"analyze", "verbose", "timeoff"}},
	{name: "fktrigger", sql: "INSERT INTO tasks VALUES (60001, 3, 'open', now(), 'x')", opts: []string{"analyze", "buffers"}},
	{name: "jit", settings: []string{"jit_above_cost = 0", "jit_inline_above_cost = 0", "jit_optimize_above_cost = 0"}, sql: "SELECT sum(v) FROM big", opts: []string{"analyze", "verbose"}},
	{name: "delete", sql: "DELETE FROM events WHERE kind = 4", opts: []string{"analyze", "plain"}},
}

// TestLiveTextAndJSON captures every case in both formats from the live
// server and checks that the two forms yield the same tree; with -update
// it also writes them to testdata/plans.
func TestLiveTextAndJSON(t *testing.T) {
	s := server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	dir := filepath.Join("testdata", "plans")
	for _, c := range planCases {
		opts := c.opts
		if opts == nil {
			opts = []string{"plain", "analyze", "buffers", "verbose", "timeoff", "costsoff", "nocosts", "summary"}
		}
		for _, o := range opts {
			name := c.name + "-" + o
			sep := ", "
			if optionSets[o] == "" {
				sep = ""
			}
			txt, err := capture(ctx, conn, c.settings, optionSets[o]+sep+"FORMAT TEXT", c.sql)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			js, err := capture(ctx, conn, c.settings, optionSets[o]+sep+"FORMAT JSON", c.sql)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			sameTree(t, name, txt, js)
			if *update {
				write(t, filepath.Join(dir, name+".txt"), txt)
				write(t, filepath.Join(dir, name+".json"), js)
			}
		}
	}
}

func write(t testing.TB, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFixturesTextAndJSON checks every committed text/JSON pair.
func TestFixturesTextAndJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "plans", "*.txt"))
	if len(files) < 40 {
		t.Fatalf("only %d captured plans in testdata/plans: run with -update", len(files))
	}
	for _, f := range files {
		txt, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		js, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		sameTree(t, filepath.Base(f), string(txt), string(js))
	}
}
