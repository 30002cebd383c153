package slow

import (
	"context"
	"fmt"
	"github.com/pgdeck/pgdeck/db"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/ui/pane"
)

const fixture = `CREATE EXTENSION pg_stat_statements; CREATE TABLE t AS SELECT g AS a FROM generate_series(1, 1000) g`

// work runs the cheap, frequent statement n times and the slow, rare one
// k times.
func work(t *testing.T, conn *pgx.Conn, n, k int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		if _, err := conn.Exec(ctx, "select count(*) from t where a = $1", i); err != nil {
			t.Fatal(err)
		}
	}
	for range k {
		if _, err := conn.Exec(ctx, "select pg_sleep(0.1)"); err != nil {
			t.Fatal(err)
		}
	}
}

// row returns the index of the first view line containing s, or -1.
func row(view, s string) int {
	for i, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}

func TestSortReverseAndDeltas(t *testing.T) {
	conn := newDB(t, "slow_sort", fixture)
	work(t, conn, 200, 3)
	m := open(t, "slow_sort", false)
	v := ansi.Strip(m.View())
	cheap, sleepy := "select count(*) from t where a = $1", "select pg_sleep($1)"
	if a, b := row(v, sleepy), row(v, cheap); a < 0 || b < 0 || a > b {
		t.Fatalf("by total time the sleep (line %d) should come before the count (line %d):\n%s", a, b, v)
	}
	for _, want := range []string{"sorted by total time ▼", "slow: mean ≥ 20 ms and calls ≥ 100", "TOTAL▼"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if l := strings.Split(v, "\n")[row(v, cheap)]; strings.ContainsAny(l, "▁▂▃▄▅▆▇█") || !strings.Contains(v, "rates after the second sample") {
		t.Errorf("one sample cannot have rates:\n%s", v)
	}
	press(t, m, "s", "s") // calls
	v = ansi.Strip(m.View())
	if a, b := row(v, sleepy), row(v, cheap); a < 0 || b < 0 || b > a || !strings.Contains(v, "sorted by calls") {
		t.Fatalf("by calls the count (line %d) should come first:\n%s", b, v)
	}
	press(t, m, "S")
	v = ansi.Strip(m.View())
	if a, b := row(v, sleepy), row(v, cheap); a < 0 || b < 0 || a > b || !strings.Contains(v, "CALLS▲") {
		t.Fatalf("reversed by calls the count (line %d) should come after the sleep (line %d):\n%s", b, a, v)
	}

	press(t, m, "S") // largest first again
	work(t, conn, 300, 0)
	press(t, m, "r")
	v = ansi.Strip(m.View())
	l := strings.Split(v, "\n")[row(v, cheap)]
	if !strings.ContainsAny(l, "▁▂▃▄▅▆▇█") || !strings.Contains(v, "2 samples") {
		t.Errorf("after two samples the count should have a sparkline:\n%s", v)
	}
	// Sorting by what is hot now puts the statement that ran between the
	// samples first.
	for range len(sorts) {
		if sorts[m.sortBy].name == "time/s now" {
			break
		}
		press(t, m, "s")
	}
	v = ansi.Strip(m.View())
	if a, b := row(v, sleepy), row(v, cheap); b < 0 || (a >= 0 && a < b) {
		t.Errorf("by time/s the count (line %d) ran since the last sample, the sleep (line %d) did not:\n%s", b, a, v)
	}
}

func TestDetailAndPlan(t *testing.T) {
	conn := newDB(t, "slow_detail", fixture)
	work(t, conn, 150, 0)
	m := open(t, "slow_detail", false)
	press(t, m, "s", "s") // calls: the count first
	press(t, m, "enter")
	v := ansi.Strip(m.View())
	for _, want := range []string{"select count(*) from t where a = $1", "stddev", "cache hit", "I/O time", "WAL", "calls        150"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	msgs := press(t, m, "p")
	if len(msgs) != 1 {
		t.Fatalf("plan: %v", msgs)
	}
	p, ok := msgs[0].(pane.OpenPlanMsg)
	if !ok || !strings.Contains(p.Source, `"Node Type"`) || p.SQL != "select count(*) from t where a = $1" || !strings.Contains(p.Title, "Generic plan") {
		t.Fatalf("plan: %+v", msgs[0])
	}
	press(t, m, "esc")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "sorted by calls") {
		t.Errorf("esc should return to the list:\n%s", v)
	}
}

func TestResetConfirm(t *testing.T) {
	conn := newDB(t, "slow_reset", fixture)
	work(t, conn, 10, 1)
	ro := open(t, "slow_reset", false)
	msgs := press(t, ro, "X")
	if len(msgs) != 1 || !strings.Contains(fmt.Sprint(msgs[0].(pane.StatusMsg).Err), "--read-write") {
		t.Fatalf("reset in read-only mode: %v, want an explanation", msgs)
	}
	m := open(t, "slow_reset", true)
	if v := ansi.Strip(m.View()); row(v, "pg_sleep") < 0 {
		t.Fatalf("the sleep should be listed before the reset:\n%s", v)
	}
	msgs = press(t, m, "X")
	c, ok := msgs[0].(pane.ConfirmMsg)
	if !ok || !c.Danger || c.From != pane.Slow || !strings.Contains(c.Question, "Reset pg_stat_statements") {
		t.Fatalf("reset: %+v, want a dangerous confirmation", msgs)
	}
	_, cmd := m.Update(pane.ConfirmedMsg{To: pane.Slow, Action: c.Action})
	out := drain(t, m, cmd)
	if len(out) == 0 || out[0].(pane.StatusMsg).Err != nil {
		t.Fatalf("reset: %v", out)
	}
	if v := ansi.Strip(m.View()); row(v, "pg_sleep") >= 0 {
		t.Errorf("the sleep is still listed after the reset:\n%s", v)
	}
}

func TestMissingExtensionAdvice(t *testing.T) {
	newDB(t, "slow_noext", "")
	m := open(t, "slow_noext", false)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "CREATE EXTENSION pg_stat_statements") || !strings.Contains(v, "slow_noext") || strings.Contains(strings.ToLower(v), "error") {
		t.Errorf("want the advice, not an error:\n%s", v)
	}
	if msgs := press(t, m, "p", "enter", "s", "X"); len(msgs) > 0 {
		if _, ok := msgs[0].(pane.StatusMsg); !ok {
			t.Errorf("keys on the advice: %v", msgs)
		}
	}
}

func TestTinySizes(t *testing.T) {
	conn := newDB(t, "slow_tiny", fixture)
	work(t, conn, 5, 0)
	if _, err := conn.Exec(context.Background(), "select 1 /* \x1b[31mzzred */"); err != nil {
		t.Fatal(err)
	}
	m := open(t, "slow_tiny", false)
	m.SetSize(160, 100) // every statement on screen
	for _, k := range []string{"", "enter"} {
		if k != "" {
			for range 40 {
				if s, _ := m.selected(); strings.Contains(s.Query, "zzred") {
					break
				}
				press(t, m, "down")
			}
			press(t, m, k)
		}
		if v := m.View(); strings.Contains(v, "\x1b[31mzzred") || !strings.Contains(ansi.Strip(v), `\x1b[31mzzred`) {
			t.Errorf("the control sequence in a statement should show escaped:\n%s", ansi.Strip(v))
		}
	}
	press(t, m, "esc")
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {5, 20}, {20, 2}} {
		m.SetSize(sz[0], sz[1])
		for _, k := range []string{"down", "s", "enter", "esc", "S"} {
			press(t, m, k)
			v := m.View()
			lines := strings.Split(v, "\n")
			if v != "" && len(lines) > sz[1] {
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

// TestOwnQueriesHidden: pgdeck's own diagnostics (marked by the db layer)
// are left out by default, counted in the header, and shown on request.
func TestOwnQueriesHidden(t *testing.T) {
	conn := newDB(t, "slow_own", fixture)
	work(t, conn, 5, 1)
	m := open(t, "slow_own", false)
	// Opening the pane ran pgdeck's own marked statements; sample again so
	// they are in the list.
	press(t, m, "r")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "of pgdeck's own hidden") || strings.Contains(v, db.OwnQueryMarker) {
		t.Fatalf("own statements not hidden:\n%s", v)
	}
	press(t, m, "o")
	v = ansi.Strip(m.View())
	if strings.Contains(v, "of pgdeck's own hidden") || !strings.Contains(v, "/* pgdeck */") {
		t.Fatalf("o did not show pgdeck's own statements:\n%s", v)
	}
}

// TestThresholdFromConfig: a threshold from the config file decides the
// marker and is stated in the header.
func TestThresholdFromConfig(t *testing.T) {
	conn := newDB(t, "slow_threshold", fixture)
	work(t, conn, 3, 1)
	m := open(t, "slow_threshold", false)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "slow: mean ≥ 20 ms and calls ≥ 100 (PgHero)") {
		t.Fatalf("default threshold not stated:\n%s", v)
	}
	m.WithThreshold(Threshold{MeanMs: 0.000001, MinCalls: 1})
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "slow: mean ≥ 1e-06 ms and calls ≥ 1 (from the config file)") || !strings.Contains(v, "\n!") {
		t.Fatalf("configured threshold not applied:\n%s", v)
	}
}
