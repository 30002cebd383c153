package activity

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// blocked sets up a blocker (idle in transaction holding a row lock) and
// a waiter whose UPDATE (with an escape sequence in its text) waits for
// it. It returns both pids and the channel the waiter's error arrives on.
func blocked(t *testing.T, name string) (blocker, waiter int32, done chan error) {
	t.Helper()
	ctx := context.Background()
	a := newDB(t, name, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')")
	b, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Exec(ctx, "BEGIN; UPDATE t SET v = 'blocker' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	blocker, waiter = int32(a.PgConn().PID()), int32(b.PgConn().PID())
	done = make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		_, err := b.Exec(ctx, "UPDATE t SET v = 'waiter\x1b[31m' WHERE id = 1")
		done <- err
	}()
	// The waiter's connection is closed only once its statement is over:
	// the blocker's transaction ends when a is closed (cleanups run last
	// first, so this one runs before a's).
	t.Cleanup(func() {
		if !a.PgConn().IsClosed() {
			a.Exec(ctx, "ROLLBACK")
		}
		select {
		case <-finished:
		case <-time.After(10 * time.Second):
			t.Error("the waiter never finished")
		}
		b.Close(ctx)
	})
	// Wait until the server reports the waiter as blocked.
	for deadline := time.Now().Add(10 * time.Second); ; {
		var n int
		if err := a.QueryRow(ctx, "SELECT cardinality(pg_blocking_pids($1))", waiter).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the waiter never blocked")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return blocker, waiter, done
}

// lineOf returns the view line starting a backend's row.
func lineOf(v string, pid int32) (int, string) {
	for i, l := range strings.Split(v, "\n") {
		f := strings.Fields(strings.TrimLeft(l, " !~⊘>"))
		if len(f) > 0 && (f[0] == fmt.Sprint(pid) || (f[0] == "└" && len(f) > 1 && f[1] == fmt.Sprint(pid))) {
			return i, l
		}
	}
	return -1, ""
}

func TestBlockingTreeAndCancel(t *testing.T) {
	blocker, waiter, done := blocked(t, "act_tree")
	m := open(t, "act_tree", true)
	v := ansi.Strip(m.View())
	bi, bl := lineOf(v, blocker)
	wi, wl := lineOf(v, waiter)
	if bi < 0 || wi != bi+1 || !strings.Contains(wl, "└ "+fmt.Sprint(waiter)) || !strings.Contains(wl, fmt.Sprint(blocker)) {
		t.Fatalf("the waiter %d should sit under its blocker %d:\n%s", waiter, blocker, v)
	}
	if !strings.HasPrefix(strings.TrimLeft(bl, "> "), "~") || !strings.Contains(bl, "idle in transaction") {
		t.Errorf("the blocker should be marked idle in transaction: %q", bl)
	}
	if !strings.HasPrefix(wl, "⊘") || !strings.Contains(wl, "Lock:transactionid") || !strings.Contains(wl, `\x1b[31m`) {
		t.Errorf("the waiter should be marked waiting, with its text escaped: %q", wl)
	}
	if strings.Contains(m.View(), "\x1b[31m'") {
		t.Error("a control sequence from a query text reached the view")
	}
	if !strings.Contains(v, "refresh every 2s") {
		t.Errorf("the interval should be shown:\n%s", v)
	}
	for m.selPID != waiter {
		if m.sel >= len(m.rows)-1 {
			t.Fatal("the waiter is not selectable")
		}
		press(t, m, "down")
	}
	msgs := press(t, m, "c")
	c, ok := msgs[0].(pane.ConfirmMsg)
	if !ok || !c.Danger || c.From != pane.Activity || !strings.Contains(c.Question, fmt.Sprintf("Cancel the running query of backend %d", waiter)) {
		t.Fatalf("cancel: %+v, want a dangerous confirmation", msgs)
	}
	if a := c.Action.(signalAction); a.PID != waiter || a.Terminate {
		t.Fatalf("cancel action: %+v", a)
	}
	_, cmd := m.Update(pane.ConfirmedMsg{To: pane.Activity, Action: c.Action})
	out := drain(t, m, cmd)
	if len(out) == 0 || out[0].(pane.StatusMsg).Err != nil || !strings.Contains(out[0].(pane.StatusMsg).Text, "cancelled") {
		t.Fatalf("cancel: %v", out)
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "57014") {
			t.Errorf("the waiter should have been cancelled, got %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter was not cancelled")
	}
	// Terminate the blocker.
	for m.selPID != blocker {
		press(t, m, "up")
	}
	msgs = press(t, m, "T")
	c = msgs[0].(pane.ConfirmMsg)
	if a := c.Action.(signalAction); a.PID != blocker || !a.Terminate || !strings.Contains(c.Question, "Terminate backend") {
		t.Fatalf("terminate: %+v", c)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Activity, Action: c.Action})
	drain(t, m, cmd)
	for deadline := time.Now().Add(10 * time.Second); ; {
		press(t, m, "r")
		if i, _ := lineOf(ansi.Strip(m.View()), blocker); i < 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the blocker is still listed after terminate")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestReadOnlyRefusesSignals(t *testing.T) {
	_, _, _ = blocked(t, "act_ro")
	m := open(t, "act_ro", false)
	for _, k := range []string{"c", "T"} {
		msgs := press(t, m, k)
		if len(msgs) != 1 || !strings.Contains(fmt.Sprint(msgs[0].(pane.StatusMsg).Err), "--read-write") {
			t.Errorf("%s in read-only mode: %v", k, msgs)
		}
	}
	press(t, m, "space")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "refresh paused") {
		t.Errorf("pause not shown:\n%s", v)
	}
}

// TestLongRunningMarker renders a backend that has run for over a minute:
// waiting that long in a test is not worth it, the rule is db's.
func TestLongRunningMarker(t *testing.T) {
	m := New(nil, theme.NewStyles(true, true), DefaultKeyMap(), time.Second)
	m.SetSize(150, 10)
	long := 61_000.0
	_, _ = m.Update(pane.Envelope{To: pane.Activity, Seq: m.seq, Msg: loadedMsg{Value: db.Activity{Backends: []db.Backend{
		{PID: 7, State: "active", QueryMs: &long, Query: "select\tpg_sleep(100)"},
		{PID: 8, State: "idle"},
	}}, At: time.Now()}})
	v := ansi.Strip(m.View())
	_, l := lineOf(v, 7)
	if !strings.Contains(l, "! 7") || !strings.Contains(l, "1m01s") || !strings.Contains(v, "long-running (≥ 60 s): 1") {
		t.Errorf("long-running backend not marked:\n%s", v)
	}
	if _, l := lineOf(v, 8); strings.ContainsAny(l, "!~⊘") {
		t.Errorf("an idle backend is marked: %q", l)
	}
}

func TestTinySizes(t *testing.T) {
	blocked(t, "act_tiny")
	m := open(t, "act_tiny", false)
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {5, 20}, {20, 2}} {
		m.SetSize(sz[0], sz[1])
		for _, k := range []string{"down", "down", "up", "space", "space"} {
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
