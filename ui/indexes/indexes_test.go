package indexes

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/ui/pane"
)

// planted has an unused index, a duplicate one, a foreign key without an
// index, and (made by a failing concurrent build) an invalid index.
const planted = `
CREATE EXTENSION pgstattuple;
CREATE TABLE customers (id int PRIMARY KEY, email text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, status text, placed date);
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 200) g;
INSERT INTO orders SELECT g, 1 + g % 200, 'new', current_date FROM generate_series(1, 2000) g;
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_placed_idx ON orders (placed);
CREATE INDEX orders_placed_status_idx ON orders (placed, status);
INSERT INTO customers VALUES (201, 'dup'), (202, 'dup');
ANALYZE;
`

func TestPlantedFindings(t *testing.T) {
	conn := newDB(t, "ix_planted", planted)
	if _, err := conn.Exec(context.Background(), "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)"); err == nil {
		t.Fatal("the unique build should fail on the duplicate emails")
	}
	m := open(t, "ix_planted", false)
	m.SetSize(200, 60)
	v := ansi.Strip(m.View())
	for _, want := range []string{
		"unused means no scans since",
		"thresholds: bloat ≥ 10.0 MiB",
		"unused-index public.orders_status_idx",
		"fix: DROP INDEX CONCURRENTLY public.orders_status_idx;",
		"duplicate-index public.orders_placed_idx",
		"fix: DROP INDEX CONCURRENTLY public.orders_placed_idx;",
		"fk-missing-index public.orders",
		"fix: CREATE INDEX CONCURRENTLY ON public.orders (customer_id);",
		"invalid-index public.customers_email_key",
		"✗ invalid-index",
		"invalid 1",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// Exact figures for the selected unused index, from pgstattuple.
	for range 20 {
		if o, _ := m.selectedObject(); o == "public.orders_status_idx" {
			break
		}
		press(t, m, "down")
	}
	msgs := press(t, m, "e")
	if len(msgs) != 1 || msgs[0].(pane.StatusMsg).Err != nil || !strings.Contains(msgs[0].(pane.StatusMsg).Text, "exact (pgstattuple)") {
		t.Fatalf("exact: %v", msgs)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "exact (pgstattuple):") {
		t.Errorf("the panel should show the exact figure:\n%s", v)
	}
	press(t, m, "z")
	v = ansi.Strip(m.View())
	if a, b := strings.Index(v, "public.orders "), strings.Index(v, "public.customers "); a < 0 || b < 0 || a > b || !strings.Contains(v, "EST. BLOAT") {
		t.Errorf("sizes: orders (larger) should come before customers:\n%s", v)
	}
}

func TestExactWithoutExtension(t *testing.T) {
	newDB(t, "ix_noext", "CREATE TABLE big (a int); CREATE INDEX big_a ON big (a)")
	m := open(t, "ix_noext", false)
	msgs := press(t, m, "e")
	if len(msgs) != 1 || !strings.Contains(fmt.Sprint(msgs[0].(pane.StatusMsg).Err), "CREATE EXTENSION pgstattuple") {
		t.Fatalf("exact without the extension: %v", msgs)
	}
}

func TestTinySizes(t *testing.T) {
	newDB(t, "ix_tiny", planted)
	m := open(t, "ix_tiny", false)
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {5, 20}, {20, 2}} {
		m.SetSize(sz[0], sz[1])
		for _, k := range []string{"down", "z", "down", "z", "pgdown"} {
			press(t, m, k)
			v := m.View()
			lines := strings.Split(v, "\n")
			if v != "" && len(lines) != sz[1] {
				t.Errorf("%v: %d lines", sz, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("%v: line of width %d: %q", sz, w, l)
				}
			}
		}
	}
}

func TestCancelExact(t *testing.T) {
	newDB(t, "ix_cancel", planted)
	m := open(t, "ix_cancel", false)
	_, cmd := m.Update(keyMsg("e"))
	if !m.Busy() {
		t.Fatal("a measurement should make the pane busy")
	}
	m.Update(pane.CancelMsg{})
	msgs := drain(t, m, cmd)
	if len(msgs) != 1 || !strings.Contains(fmt.Sprint(msgs[0].(pane.StatusMsg).Err), "context canceled") || m.Busy() {
		t.Fatalf("cancelled measurement: %v", msgs)
	}
}
