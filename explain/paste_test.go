package explain

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

const pasteSQL = "SELECT p.name, count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.status = 'late' GROUP BY p.name"

// pasteCases are psql invocations whose output a user would paste.
var pasteCases = map[string][]string{
	"psql-text":         {"-c", "EXPLAIN (ANALYZE, BUFFERS) " + pasteSQL},
	"psql-json":         {"-c", "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + pasteSQL},
	"psql-border2-text": {"-P", "border=2", "-c", "EXPLAIN (ANALYZE) " + pasteSQL},
	"psql-border2-json": {"-P", "border=2", "-c", "EXPLAIN (ANALYZE, FORMAT JSON) " + pasteSQL},
	"psql-unicode-text": {"-P", "linestyle=unicode", "-P", "border=2", "-c", "EXPLAIN " + pasteSQL},
	"psql-csv-json":     {"--csv", "-c", "EXPLAIN (FORMAT JSON) " + pasteSQL},
}

// TestPsqlPaste runs psql for real and checks its displayed output parses
// to the plan shape of the direct capture; with -update the outputs are
// written to testdata/paste.
func TestPsqlPaste(t *testing.T) {
	s := server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ref, err := capture(ctx, conn, nil, "", pasteSQL)
	if err != nil {
		t.Fatal(err)
	}
	want := mustParse(t, ref)
	for name, args := range pasteCases {
		out, err := s.Command(ctx, "psql", append([]string{"-X", "-q", "-d", s.ConnString("postgres")}, args...)...)
		if err != nil {
			t.Fatalf("%s: psql: %v\n%s", name, err, out)
		}
		checkPaste(t, name, string(out), want)
		if *update {
			write(t, filepath.Join("testdata", "paste", name+".txt"), string(out))
		}
	}
	for _, format := range []string{"text", "json"} {
		log := autoExplain(t, s.Dir, conn, format)
		checkPaste(t, "auto_explain "+format, log, want)
		if *update {
			write(t, filepath.Join("testdata", "paste", "autoexplain-"+format+".log"), log)
		}
	}
}

// autoExplain runs pasteSQL with auto_explain logging to the server log and
// returns the log from the entry on.
func autoExplain(t *testing.T, dir string, conn *pgx.Conn, format string) string {
	t.Helper()
	ctx := context.Background()
	logPath := filepath.Join(dir, "server.log")
	before, _ := os.ReadFile(logPath)
	for _, q := range []string{"LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
		"SET auto_explain.log_analyze = on", "SET auto_explain.log_buffers = on",
		"SET auto_explain.log_format = " + format, pasteSQL, "RESET auto_explain.log_min_duration"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for range 100 {
		after, _ := os.ReadFile(logPath)
		if i := strings.Index(string(after[len(before):]), "duration:"); i >= 0 {
			entry := string(after[len(before):])
			start := strings.LastIndex(entry[:i], "\n") + 1
			return entry[start:]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no auto_explain entry in %s", logPath)
	return ""
}

func mustParse(t *testing.T, src string) *Plan {
	t.Helper()
	p, err := Parse(src)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return p
}

// checkPaste parses a pasted form and compares node types and relations
// with the reference plan.
func checkPaste(t *testing.T, name, src string, want *Plan) {
	t.Helper()
	got, err := Parse(src)
	if err != nil {
		t.Errorf("%s: %v\n%s", name, err, src)
		return
	}
	if len(got.Nodes) != len(want.Nodes) {
		t.Errorf("%s: %d nodes, want %d\n%s", name, len(got.Nodes), len(want.Nodes), src)
		return
	}
	for i, n := range got.Nodes {
		w := want.Nodes[i]
		if n.NodeType != w.NodeType || n.Relation != w.Relation || n.JoinType != w.JoinType || n.PlanRows != w.PlanRows || n.Depth != w.Depth {
			t.Errorf("%s: node %d is %s %q, want %s %q", name, i+1, n.NodeType, n.Relation, w.NodeType, w.Relation)
		}
	}
}

// TestPasteFixtures re-reads the committed psql and auto_explain outputs.
func TestPasteFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "paste", "*"))
	if len(files) < 8 {
		t.Fatalf("only %d paste fixtures: run with -update", len(files))
	}
	var ref *Plan
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = mustParse(t, string(b))
			continue
		}
		checkPaste(t, filepath.Base(f), string(b), ref)
	}
}
