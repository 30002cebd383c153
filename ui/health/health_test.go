package health

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// line returns the first view line containing s.
func line(v, s string) string {
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestChecksBadgesAndGrowth(t *testing.T) {
	conn := newDB(t, "health_checks", `CREATE SEQUENCE nearly_done MAXVALUE 100; SELECT setval('nearly_done', 95)`)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "SELECT pg_create_physical_replication_slot('forgotten_slot')"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Exec(ctx, "SELECT pg_drop_replication_slot('forgotten_slot')") })
	m := open(t, "health_checks", false)
	m.SetSize(200, 60)
	v := ansi.Strip(m.View())
	if l := line(v, "sequences near exhaustion"); !strings.HasPrefix(l, "[✗ critical]") || !strings.Contains(l, "nearly_done at 95.0%") {
		t.Errorf("the sequence should be critical: %q\n%s", l, v)
	}
	if l := line(v, "inactive replication slots"); !strings.HasPrefix(l, "[! degraded]") || !strings.Contains(l, "forgotten_slot") {
		t.Errorf("the slot should be degraded: %q", l)
	}
	if l := line(v, "connections"); !strings.HasPrefix(l, "[✓ healthy ]") {
		t.Errorf("connections should be healthy: %q", l)
	}
	for _, want := range []string{
		"Health [✗ critical]",
		"Disk usage cannot be read over SQL",
		"thresholds: degraded ≥ 80%, critical ≥ 95%",
		"action: move the column and sequence to bigint",
		"cache hit ratio", "transaction ID wraparound", "replication lag", "checkpoints requested", "temporary files",
		"growth shown from the next check",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 20000) g"); err != nil {
		t.Fatal(err)
	}
	press(t, m, "r")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "growth +") || strings.Contains(v, "growth +0 B") {
		t.Errorf("the growth should show after the table was filled:\n%s", v)
	}
}

func TestScrollAndTinySizes(t *testing.T) {
	newDB(t, "health_tiny", "")
	m := open(t, "health_tiny", false)
	m.SetSize(80, 6)
	first := ansi.Strip(m.View())
	press(t, m, "down", "down", "down")
	if ansi.Strip(m.View()) == first {
		t.Error("down should scroll")
	}
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {5, 20}, {20, 2}} {
		m.SetSize(sz[0], sz[1])
		for _, k := range []string{"down", "down", "up"} {
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
