package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/demo"
	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/ui"
	migrationspane "github.com/pgdeck/pgdeck/ui/migrations"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/plan"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// console drives the root model the way bubbletea does: every command
// runs on its own goroutine and its message comes back to Update on the
// test's goroutine. Commands that never end (the panes' sampling ticks)
// simply keep running; the test waits for what it expects to see.
type console struct {
	t    *testing.T
	m    *ui.Model
	msgs chan tea.Msg
}

func newConsole(t *testing.T, m *ui.Model) *console {
	c := &console{t: t, m: m, msgs: make(chan tea.Msg, 4096)}
	m.Update(tea.WindowSizeMsg{Width: 180, Height: 50})
	c.run(m.Init())
	return c
}

func (c *console) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { c.msgs <- cmd() }()
	}
}

func (c *console) send(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, cmd := range msg {
			c.run(cmd)
		}
	case nil, spinner.TickMsg:
	default:
		_, next := c.m.Update(msg)
		c.run(next)
	}
}

func (c *console) press(keys ...string) {
	for _, k := range keys {
		c.send(keyMsg(k))
	}
}

// screen is the focused pane as the user reads it.
func (c *console) screen() string { return ansi.Strip(c.m.Focused().View()) }

// until feeds messages to the model until cond holds.
func (c *console) until(what string, timeout time.Duration, cond func() bool) {
	c.t.Helper()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case msg := <-c.msgs:
			c.send(msg)
		case <-deadline:
			c.t.Fatalf("waiting for %s: screen:\n%s", what, c.screen())
		}
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (c *console) typeText(s string) {
	for _, r := range s {
		c.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestFixConsole walks the fix loop through the console's panes on the
// demo with its whole migrations folder (007–009 pending): the slow query
// in Slow queries, its plan, h (values typed for $1…$3), the hypothetical
// compare view with a lower cost, w (the linted file, the Migrations pane
// focused on it), a read-only console that says how to go on, apply with
// confirmation (and the second question for the pending migrations), the
// real before/after plans in the compare view, and the saved report.
func TestFixConsole(t *testing.T) {
	dsn := fixDB(t, "fix_console", true)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 { // the copy has no statistics of its own yet
		if _, err := conn.Exec(ctx, demo.SlowQuery, demo.UserID(i+1), "done"); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close(ctx)
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := demo.WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // the report is saved in the working directory
	d, err := db.Open(ctx, db.Config{DSN: dsn, ReadWrite: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c := newConsole(t, ui.New(ui.Deps{DB: d, MigrationsDir: dir, Dark: true, NoColor: true}))

	// Slow queries: walk the list until the detail shows the slow query.
	c.send(pane.FocusMsg{To: pane.Slow})
	c.until("the slow queries", 30*time.Second, func() bool { return strings.Contains(c.screen(), "FROM tasks") })
	found := false
	for range 30 {
		c.press("enter")
		if s := c.screen(); strings.Contains(s, "assignee_id = $1") && strings.Contains(s, "status <> $2") {
			found = true
			break
		}
		c.press("esc", "down")
	}
	if !found {
		t.Fatalf("the slow query is not in the list:\n%s", c.screen())
	}
	c.press("p")
	c.until("its generic plan", 30*time.Second, func() bool {
		return c.m.Focused().ID() == pane.Plan && strings.Contains(c.screen(), "Seq Scan")
	})
	pp := c.m.Focused().(*plan.Model)
	if st, ok := pp.Statement(); !ok || st.NParams != 3 || !st.Generic() {
		t.Fatalf("the Plan pane did not keep the statement: %+v", st)
	}

	// h asks for the values of $1…$3, then tries the index with hypopg.
	c.press("h")
	if !strings.Contains(c.screen(), "$1 of 3") || !c.m.Focused().Capturing() {
		t.Fatalf("no prompt for the values:\n%s", c.screen())
	}
	for _, v := range []string{demo.UserID(42), "done", "50"} {
		c.typeText(v)
		c.press("enter")
	}
	c.until("the hypothetical compare view", time.Minute, func() bool { return strings.Contains(c.screen(), "Hypothetical index") })
	s := pp.Session()
	if s == nil || s.Hypo == nil || s.Hypo.Best == nil || s.Hypo.Best.Hypo.AfterCost >= s.Hypo.Best.Hypo.BeforeCost || s.Before.Mode != "analyze" {
		t.Fatalf("hypothetical: %+v", s)
	}
	scr := c.screen()
	if !strings.Contains(scr, "tasks (assignee_id)") || !strings.Contains(scr, "lower)") || !strings.Contains(scr, "w: write") {
		t.Errorf("compare view:\n%s", scr)
	}

	// w writes the linted migration and hands it to the Migrations pane.
	c.press("w")
	c.until("the Migrations pane on the new file", time.Minute, func() bool {
		return c.m.Focused().ID() == pane.Migrations && strings.Contains(selectedRow(c.screen()), "add_tasks_assignee_id_idx")
	})
	if scr := ansi.Strip(pp.View()); !strings.Contains(scr, "lint clean") || !strings.Contains(scr, "CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_assignee_id_idx") {
		t.Errorf("the Plan pane does not show the linted file:\n%s", scr)
	}
	up := filepath.Join(dir, "010_add_tasks_assignee_id_idx.up.sql")
	if _, err := os.Stat(up); err != nil {
		t.Fatal(err)
	}
	lintFile(t, up)
	if scr := c.screen(); !strings.Contains(scr, "fix "+up) || !strings.Contains(scr, "lint clean") {
		t.Errorf("Migrations pane:\n%s", scr)
	}

	readOnlyStops(t, dsn, dir, pp.Session())

	// a asks first; the pending 007–009 make it ask again, as a danger.
	c.press("a")
	c.until("the confirmation", 5*time.Second, func() bool {
		return strings.Contains(c.dialog(), "Apply 010_add_tasks_assignee_id_idx.up.sql (CREATE INDEX CONCURRENTLY")
	})
	c.press("y")
	c.until("the question about the pending migrations", time.Minute, func() bool {
		return strings.Contains(c.dialog(), "3 migration(s) are pending before the fix")
	})
	c.press("y")
	// Lint errors in them are a third question of their own, naming each.
	c.until("the question about their lint errors, or the compare view", time.Minute, func() bool {
		return strings.Contains(c.dialog(), "linter reports errors") || c.m.Focused().ID() == pane.Plan && strings.Contains(c.screen(), "Applied ")
	})
	if strings.Contains(c.dialog(), "linter reports errors") {
		c.press("y")
	}
	c.until("the before/after compare view", 2*time.Minute, func() bool {
		return c.m.Focused().ID() == pane.Plan && strings.Contains(c.screen(), "Applied ")
	})
	scr = c.screen()
	if !strings.Contains(scr, "changed: Parallel Seq Scan on tasks → ") && !strings.Contains(scr, "changed: Seq Scan on tasks → ") {
		t.Errorf("no changed node:\n%s", scr)
	}
	if !strings.Contains(scr, "execution ") || !strings.Contains(scr, "buffers ") {
		t.Errorf("no timings:\n%s", scr)
	}
	s = pp.Session()
	b, a := s.Before.ExecutionMS(), s.Verify.After.ExecutionMS()
	if b == nil || a == nil || *a >= *b || s.Verify.Changed == nil || !strings.Contains(s.Verify.Changed.After.Label(), "tasks") ||
		strings.Contains(s.Verify.Changed.After.NodeType, "Seq Scan") {
		t.Fatalf("verify: before %v after %v changed %+v", b, a, s.Verify.Changed)
	}
	var valid bool
	queryRow(t, dsn, "select indisvalid from pg_index where indexrelid = 'tasks_assignee_id_idx'::regclass", &valid)
	if !valid {
		t.Error("the index is not valid")
	}
	t.Logf("console: hypothetical cost %.2f → %.2f; execution %.3f ms → %.3f ms; %s → %s",
		s.Hypo.Best.Hypo.BeforeCost, s.Hypo.Best.Hypo.AfterCost, *b, *a, s.Verify.Changed.Before.Label(), s.Verify.Changed.After.Label())

	// s saves the whole session.
	c.press("s")
	c.until("the saved report", 10*time.Second, func() bool { return strings.Contains(c.screen(), "saved the session to ") })
	files, _ := filepath.Glob("pgdeck-fix-*.md")
	if len(files) != 1 {
		t.Fatalf("report files: %v", files)
	}
	md, _ := os.ReadFile(files[0])
	if !strings.Contains(string(md), "tasks\\_assignee\\_id\\_idx") || !strings.Contains(string(md), "### Before") {
		t.Errorf("report:\n%s", md)
	}
}

// readOnlyStops: a read-only console holding the written migration says
// how to continue and applies nothing.
func readOnlyStops(t *testing.T, dsn, dir string, s *fixloop.Session) {
	t.Helper()
	ctx := context.Background()
	ro, err := db.Open(ctx, db.Config{DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	mp := migrationspane.New(ro, dir, theme.NewStyles(true, true), migrationspane.DefaultKeyMap(), 10*time.Second)
	c := newConsole(t, ui.New(ui.Deps{DB: ro, MigrationsDir: dir, Panes: []pane.Pane{mp}}))
	c.send(pane.Envelope{To: pane.Migrations, Msg: pane.FixMsg{Session: s}})
	c.until("the fix's file selected", 30*time.Second, func() bool {
		return strings.Contains(selectedRow(c.screen()), "add_tasks_assignee_id_idx")
	})
	c.press("a")
	c.until("the read-only advice", 5*time.Second, func() bool {
		return strings.Contains(c.screen(), "restart pgdeck with --read-write")
	})
	var n int
	queryRow(t, dsn, "select count(*) from pg_indexes where indexname = 'tasks_assignee_id_idx'", &n)
	if n != 0 || mp.Fix().Apply != nil {
		t.Error("a read-only console applied the fix")
	}
}

// selectedRow is the Migrations pane's selected row ("> pending 10 …").
func selectedRow(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "> ") {
			return l
		}
	}
	return ""
}

// dialog is the text of the confirm dialog, its lines joined.
func (c *console) dialog() string {
	var words []string
	for _, l := range strings.Split(ansi.Strip(c.m.View().Content), "\n") {
		i, j := strings.Index(l, "│"), strings.LastIndex(l, "│")
		if i >= 0 && j > i {
			words = append(words, strings.Fields(l[i+len("│"):j])...)
		}
	}
	return strings.Join(words, " ")
}
