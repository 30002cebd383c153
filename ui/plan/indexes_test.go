package plan

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
	"github.com/pgdeck/pgdeck/ui/uitest"
)

// itemsSetup is a table whose filter on owner discards nearly every row.
const itemsSetup = `CREATE TABLE items (id int PRIMARY KEY, owner int, note text);
	INSERT INTO items SELECT i, i % 5000, 'x' FROM generate_series(1, 100000) i;`

// countingDB is the real database, counting the index reads the pane makes.
type countingDB struct {
	*db.DB
	reads atomic.Int32
}

func (c *countingDB) IndexColumns(ctx context.Context, schema, table string) ([][]string, error) {
	c.reads.Add(1)
	return c.DB.IndexColumns(ctx, schema, table)
}

// seqScanPlan creates database name with setup and captures, with index
// and bitmap scans disabled, the JSON plan of sql: a Seq Scan with a
// filter whether or not an index would serve it.
func seqScanPlan(t *testing.T, name, setup, sql string) (*countingDB, *pgx.Conn, string) {
	t.Helper()
	startServer(t)
	ctx := context.Background()
	conn := uitest.NewDB(t, srv, name, setup+"; ANALYZE items; SET enable_indexscan = off; SET enable_bitmapscan = off")
	var src string
	if err := conn.QueryRow(ctx, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+sql).Scan(&src); err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(ctx, db.Config{DSN: srv.ConnString(name)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return &countingDB{DB: d}, conn, src
}

// seqFindings returns the seq-scan-filter findings shown.
func seqFindings(m *Model) []explain.PlanFinding {
	var out []explain.PlanFinding
	for _, f := range m.findings {
		if f.Rule == "seq-scan-filter" {
			out = append(out, f)
		}
	}
	return out
}

// openConnected opens src in a pane on d and drains what it starts,
// failing on an error reported to the root.
func openConnected(t *testing.T, d Explainer, src string) *Model {
	t.Helper()
	m := New(d, theme.NewStyles(true, true), DefaultKeyMap(), 0)
	m.SetSize(160, 40)
	_, cmd := m.Update(pane.OpenPlanMsg{Source: src, Title: "test"})
	for _, msg := range uitest.Drain(t, m, cmd) {
		if st, ok := msg.(pane.StatusMsg); ok && st.Err != nil {
			t.Fatalf("status error: %v", st.Err)
		}
	}
	if m.Plan() == nil {
		t.Fatalf("plan not opened: %v", m.err)
	}
	return m
}

// TestIndexExistsCauseElsewhere: with the index the filter would want in
// place, the connected pane says so and proposes no CREATE INDEX, reading
// the table's indexes once although the plan scans it twice; offline,
// the same plan still proposes the index.
func TestIndexExistsCauseElsewhere(t *testing.T) {
	const sql = "SELECT id FROM items WHERE owner = 42 UNION ALL SELECT id FROM items WHERE owner = 43"
	d, _, src := seqScanPlan(t, "ix_exists", itemsSetup+"; CREATE INDEX items_owner ON items (owner)", sql)
	m := openConnected(t, d, src)
	fs := seqFindings(m)
	if len(fs) != 2 {
		t.Fatalf("want 2 seq-scan-filter findings, got %+v", m.findings)
	}
	for _, f := range fs {
		if !strings.Contains(f.Message, "an index on (owner) exists already, so the cause is elsewhere") || strings.Contains(f.Fix, "CREATE INDEX") {
			t.Errorf("finding with the index in place: %q fix %q", f.Message, f.Fix)
		}
	}
	if n := d.reads.Load(); n != 1 {
		t.Errorf("index reads: %d, want 1 for one relation", n)
	}
	press(m, "f")
	if v := view(m); !strings.Contains(v, "an index on (owner) exists") || !strings.Contains(v, "fix: ANALYZE items;") || strings.Contains(v, "CREATE INDEX") {
		t.Errorf("findings view:\n%s", v)
	}

	off := openPlan(t, src, 160, 40)
	for _, f := range seqFindings(off) {
		if !strings.HasPrefix(f.Fix, "CREATE INDEX") || strings.Contains(f.Message, "exists already") {
			t.Errorf("offline finding: %q fix %q", f.Message, f.Fix)
		}
	}
}

// TestIndexAbsentProposed: without the index, the connected pane proposes
// it; a lookup result for a plan replaced meanwhile is dropped.
func TestIndexAbsentProposed(t *testing.T) {
	d, conn, src := seqScanPlan(t, "ix_absent", itemsSetup, "SELECT id FROM items WHERE owner = 42")
	m := openConnected(t, d, src)
	fs := seqFindings(m)
	if len(fs) != 1 || !strings.Contains(fs[0].Fix, `CREATE INDEX CONCURRENTLY`) || !strings.Contains(fs[0].Fix, "(owner)") ||
		!strings.Contains(fs[0].Message, "would let PostgreSQL read only the matching rows") {
		t.Fatalf("findings without the index: %+v", m.findings)
	}
	if n := d.reads.Load(); n != 1 {
		t.Errorf("index reads: %d, want 1", n)
	}

	// With the index created, the first plan's lookup finds it; its
	// result arrives after a second plan is shown and must not replace
	// that plan's findings.
	if _, err := conn.Exec(context.Background(), "CREATE INDEX items_owner ON items (owner)"); err != nil {
		t.Fatal(err)
	}
	m = New(d, theme.NewStyles(true, true), DefaultKeyMap(), 0)
	_, first := m.Update(pane.OpenPlanMsg{Source: src, Title: "first"})
	if first == nil {
		t.Fatal("no index lookup started")
	}
	stale := first()
	_, second := m.Update(pane.OpenPlanMsg{Source: src, Title: "second"})
	if second == nil {
		t.Fatal("no index lookup started for the second plan")
	}
	m.Update(stale)
	if !strings.HasPrefix(seqFindings(m)[0].Fix, "CREATE INDEX") {
		t.Fatalf("stale lookup applied: %+v", m.findings)
	}
	uitest.Drain(t, m, second)
	if f := seqFindings(m)[0]; !strings.Contains(f.Message, "exists already") {
		t.Errorf("current lookup not applied: %q", f.Message)
	}
}
