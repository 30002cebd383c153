package plan

import (
	"context"
	"fmt"
	"github.com/pgdeck/pgdeck/ui/uitest"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) { os.Exit(run(m)) }

// run starts the server only for the tests that explain on a database;
// it is stopped before exit.
func run(m *testing.M) int {
	code := m.Run()
	if srv != nil {
		srv.Close()
	}
	return code
}

// startServer starts the package's server the first time a test needs
// one; run stops it.
func startServer(t testing.TB) {
	t.Helper()
	if srv != nil {
		return
	}
	var err error
	if srv, err = pgtmp.Start(context.Background(), pgtmp.Options{}); err != nil {
		t.Fatal(err)
	}
}

// keyMsg builds the key press a terminal sends for a key name.
func keyMsg(k string) tea.KeyPressMsg { return uitest.Key(k) }

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../explain/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func openPlan(t testing.TB, src string, w, h int) *Model {
	t.Helper()
	m := New(nil, theme.NewStyles(true, true), DefaultKeyMap(), 0)
	m.SetSize(w, h)
	m.Update(pane.OpenPlanMsg{Source: src, Title: "test"})
	if m.Plan() == nil {
		t.Fatalf("plan not opened: %v", m.err)
	}
	return m
}

func view(m *Model) string { return ansi.Strip(m.View()) }

func TestOpenSelectsHottestAndMarksSeqScans(t *testing.T) {
	m := openPlan(t, fixture(t, "plans/innerloops-analyze.txt"), 140, 30)
	if got, want := m.Selected(), m.Plan().Hottest(); got != want {
		t.Errorf("selected %s, hottest %s", got.Label(), want.Label())
	}
	v := view(m)
	lines := strings.Split(v, "\n")
	if len(lines) != 30 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 140 {
			t.Errorf("line %d is %d cells wide", i, w)
		}
	}
	// Under NO_COLOR the Seq Scan is still marked by a character.
	if !strings.Contains(v, "◆ Seq Scan on tasks t") {
		t.Errorf("Seq Scan not marked:\n%s", v)
	}
	if !strings.Contains(v, "node "+fmt.Sprint(m.Selected().ID)) {
		t.Errorf("detail panel does not show the selected node:\n%s", v)
	}
	if !strings.Contains(v, "×50000") {
		t.Errorf("loops not shown:\n%s", v)
	}
}

func TestCollapseSearchFindings(t *testing.T) {
	m := openPlan(t, fixture(t, "plans/groupjoin-analyze.json"), 120, 40)
	n := len(m.visible)
	press(m, "g", "down") // node 2, which has children
	if m.Selected().ID != 2 || len(m.Selected().Children) == 0 {
		t.Fatalf("selected %d", m.Selected().ID)
	}
	press(m, "space")
	if len(m.visible) >= n || !strings.Contains(view(m), "▸(") {
		t.Errorf("collapse: %d rows, was %d\n%s", len(m.visible), n, view(m))
	}
	// Search expands the collapsed subtree to reach the match.
	press(m, "/", "p", "r", "o", "j", "enter")
	if s := m.Selected(); s.Relation != "projects" || m.Capturing() {
		t.Errorf("search selected %s", s.Label())
	}
	if !strings.Contains(view(m), "/proj") {
		t.Errorf("search line missing:\n%s", view(m))
	}
	press(m, "esc")
	m2 := openPlan(t, fixture(t, "plans/seqfilter-analyze.txt"), 120, 30)
	press(m2, "f")
	v := view(m2)
	if !strings.Contains(v, "seq-scan-filter (node 1)") || !strings.Contains(v, "fix: CREATE INDEX CONCURRENTLY tasks_project_id_status_idx") {
		t.Errorf("findings list:\n%s", v)
	}
	m3 := openPlan(t, fixture(t, "plans/innerloops-analyze.txt"), 120, 30)
	press(m3, "g", "f", "down", "enter")
	if id := *m3.findings[1].NodeID; m3.Selected().ID != id || m3.focusFindings {
		t.Errorf("enter on finding 2 selected node %d, want %d", m3.Selected().ID, id)
	}
}

func TestCompareView(t *testing.T) {
	m := New(nil, theme.NewStyles(false, true), DefaultKeyMap(), 0)
	m.SetSize(160, 20)
	m.Update(pane.OpenPlanMsg{Source: fixture(t, "compare/after.json"), Before: fixture(t, "compare/before.txt")})
	v := view(m)
	if !strings.Contains(v, "Seq Scan on tasks became Bitmap Heap Scan") || !strings.Contains(v, "~ #1 ◆ Seq Scan on tasks") || !strings.Contains(v, "+ ") {
		t.Errorf("compare view:\n%s", v)
	}
	press(m, "c")
	if strings.Contains(view(m), "became") {
		t.Errorf("c did not leave the compare view")
	}
}

func TestBadInputAndTinySizes(t *testing.T) {
	m := New(nil, theme.NewStyles(true, false), DefaultKeyMap(), 0)
	m.SetSize(50, 5)
	m.Update(pane.OpenPlanMsg{Source: "not a plan"})
	if v := view(m); !strings.Contains(v, "error") {
		t.Errorf("bad plan: %q", v)
	}
	for _, size := range [][2]int{{1, 1}, {10, 3}, {30, 2}} {
		m := openPlan(t, fixture(t, "plans/subplans-verbose.txt"), size[0], size[1])
		press(m, "down", "space", "f", "d", "/", "x")
		if lines := strings.Split(m.View(), "\n"); len(lines) != size[1] {
			t.Errorf("size %v: %d lines", size, len(lines))
		}
	}
	m = openPlan(t, "Seq Scan on \"evil\x1b[31m\"  (cost=0.00..1.00 rows=1 width=4)", 80, 10)
	if strings.Contains(m.View(), "\x1b[31m") {
		t.Error("control characters from the plan reached the terminal")
	}
}

// TestExplainOnDatabase runs the pane's EXPLAIN command against a real
// server, delivering the envelope as the root would.
func TestExplainOnDatabase(t *testing.T) {
	ctx := context.Background()
	startServer(t)
	d, err := db.Open(ctx, db.Config{DSN: srv.ConnString("postgres")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 0)
	m.SetSize(120, 30)
	_, cmd := m.Update(pane.ExplainMsg{SQL: "SELECT count(*) FROM generate_series(1, 1000) g WHERE g % 3 = 0", Analyze: true})
	if cmd == nil || !m.Busy() {
		t.Fatal("no command")
	}
	m.Update(cmd())
	if m.Busy() || m.Plan() == nil || !m.Plan().Analyzed {
		t.Fatalf("plan not shown: %v", m.err)
	}
	if !strings.Contains(view(m), "Function Scan on generate_series g") {
		t.Errorf("view:\n%s", view(m))
	}
	// A data-changing statement under ANALYZE in read-only mode asks to
	// fall back to plain EXPLAIN.
	_, cmd = m.Update(pane.ExplainMsg{SQL: "CREATE TABLE t AS SELECT 1 AS a", Analyze: true})
	_, cmd = m.Update(cmd())
	if cmd == nil {
		t.Fatal("no confirmation asked")
	}
	confirm, ok := cmd().(pane.ConfirmMsg)
	if !ok || !strings.Contains(confirm.Question, "plain EXPLAIN") {
		t.Fatalf("got %#v", confirm)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Plan, Action: confirm.Action})
	m.Update(cmd())
	if m.Plan() == nil || m.Plan().Analyzed || m.err != nil {
		t.Errorf("plain explain after confirmation: %v", m.err)
	}
	// On a read-write connection the question is whether to run it, and
	// yes runs it under ANALYZE, rolled back.
	rw, err := db.Open(ctx, db.Config{DSN: srv.ConnString("postgres"), ReadWrite: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	m = New(rw, theme.NewStyles(true, true), DefaultKeyMap(), 0)
	m.SetSize(120, 30)
	_, cmd = m.Update(pane.ExplainMsg{SQL: "CREATE TABLE t AS SELECT 1 AS a", Analyze: true})
	_, cmd = m.Update(cmd())
	confirm, ok = cmd().(pane.ConfirmMsg)
	if !ok || !confirm.Danger || !strings.Contains(confirm.Question, "rolled back") {
		t.Fatalf("got %#v", confirm)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Plan, Action: confirm.Action})
	m.Update(cmd())
	if m.Plan() == nil || !m.Plan().Analyzed || m.err != nil {
		t.Fatalf("analyze after confirmation: %v", m.err)
	}
	var exists bool
	if err := rw.Read(ctx, func(q db.Querier) error {
		return q.QueryRow(ctx, "SELECT to_regclass('t') IS NOT NULL").Scan(&exists)
	}); err != nil || exists {
		t.Errorf("table t exists after the rolled-back ANALYZE: %v %v", exists, err)
	}
}
