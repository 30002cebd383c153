package query

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/ui/pane"
)

func TestRunStatementUnderCursor(t *testing.T) {
	m := newPane(t, false, "")
	if !m.Capturing() {
		t.Fatal("editor focus must capture keys")
	}
	typeText(m, "select 1 as q1;\nselect 'two' as q2, null as n, '' as e;\nselect 3")
	m.Editor().SetOffset(20) // inside the second statement
	drain(t, m, func() tea.Msg { return nil })
	_, cmd := m.Update(pane.RefreshMsg{}) // F5 arrives as the root's refresh
	drain(t, m, cmd)
	if m.Busy() || len(m.sets) != 1 {
		t.Fatalf("busy=%v sets=%d messages=%v", m.Busy(), len(m.sets), m.messages)
	}
	g := m.grid()
	if g.Cols[0].Name != "q2" || len(g.Rows) != 1 {
		t.Fatalf("ran the wrong statement: %+v", g.Cols)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "two") || !strings.Contains(view, "∅") || !strings.Contains(view, "idle") {
		t.Errorf("view lacks the row, the NULL mark or the state:\n%s", view)
	}
	// f9 runs the whole buffer.
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	drain(t, m, cmd)
	if len(m.sets) != 3 {
		t.Errorf("run all: %d result sets", len(m.sets))
	}
}

func TestControlCharactersEscapedInView(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue(`select E'\x1b]0;pwned\x07' as evil, E'a\nb' as nl`)
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	drain(t, m, cmd)
	for _, mode := range []string{"grid", "record", "inspect"} {
		m.record, m.inspect = mode == "record", mode == "inspect"
		v := m.View()
		if strings.Contains(v, "\x07") || strings.Contains(v, "]0;pwned") && !strings.Contains(v, `\x1b]0;pwned\x07`) {
			t.Errorf("%s view sends raw control characters: %q", mode, v)
		}
		if !strings.Contains(ansi.Strip(v), `\x1b]0;pwned\x07`) {
			t.Errorf("%s view does not show the escaped value:\n%s", mode, ansi.Strip(v))
		}
	}
}

func TestErrorMovesCursorToPosition(t *testing.T) {
	m := newPane(t, false, "")
	sql := "select 1;\nselect nosuch\n  from pg_class"
	m.Editor().SetValue(sql)
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	drain(t, m, cmd)
	if m.errAt != strings.Index(sql, "nosuch") {
		t.Errorf("error at %d, want %d (messages %v)", m.errAt, strings.Index(sql, "nosuch"), m.messages)
	}
	if !strings.Contains(strings.Join(m.messages, "\n"), `column "nosuch" does not exist`) {
		t.Errorf("messages: %v", m.messages)
	}
}

func TestCancelKeepsSession(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue("select pg_sleep(60)")
	_, cmd := m.Update(pane.RefreshMsg{})
	if !m.Busy() {
		t.Fatal("pane not busy while the statement runs")
	}
	time.Sleep(300 * time.Millisecond) // let the statement reach the server
	m.Update(pane.CancelMsg{})
	drain(t, m, cmd)
	if m.Busy() {
		t.Fatal("still busy after cancel")
	}
	if !strings.Contains(strings.Join(m.messages, "\n"), "canceling statement due to user request") {
		t.Errorf("messages: %v", m.messages)
	}
	m.Editor().SetValue("select count(*) from pg_stat_activity where state = 'active' and query like '%pg_sleep(60)%' and pid <> pg_backend_pid()")
	_, cmd = m.Update(pane.RefreshMsg{})
	drain(t, m, cmd)
	if v, _ := m.grid().Rows[0].Value(0); v != "0" {
		t.Errorf("server still runs the cancelled query: %s", v)
	}
}

func TestStreamingCapAndFetchMore(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue("select g, md5(g::text) from generate_series(1, 150000) g")
	_, cmd := m.Update(pane.RefreshMsg{})
	drain(t, m, cmd)
	g := m.grid()
	if len(g.Rows) != 100000 || !m.sets[0].res.More {
		t.Fatalf("rows %d, more %v", len(g.Rows), m.sets[0].res.More)
	}
	if !strings.Contains(ansi.Strip(m.View()), "more rows exist") {
		t.Error("the view does not say more rows exist")
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyF8})
	drain(t, m, cmd)
	if len(g.Rows) != 150000 || m.sets[0].res.More {
		t.Fatalf("after fetch more: rows %d", len(g.Rows))
	}
	if v, _ := g.Rows[149999].Value(0); v != "150000" {
		t.Errorf("last row %s", v)
	}
}

func TestMetaCommandsAndExplain(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue(`\dn`)
	_, cmd := m.Update(pane.RefreshMsg{})
	drain(t, m, cmd)
	if g := m.grid(); g == nil || g.Cols[0].Name != "Name" {
		t.Fatalf(`\dn gave no listing: %v`, m.messages)
	}
	m.Editor().SetValue(`\x`)
	_, cmd = m.Update(pane.RefreshMsg{})
	drain(t, m, cmd)
	if !m.record {
		t.Error(`\x did not turn on the record view`)
	}
	m.Editor().SetValue("select 1;\nselect 2 from pg_class")
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyF6})
	msg := cmd()
	if e, ok := msg.(pane.ExplainMsg); !ok || e.SQL != "select 2 from pg_class" || e.Analyze {
		t.Errorf("F6 sent %#v", msg)
	}
}

func TestHeldWriteConfirmAndAudit(t *testing.T) {
	dir := t.TempDir()
	m := newPane(t, true, dir)
	m.Editor().SetValue("create table if not exists audited(x int)")
	_, cmd := m.Update(pane.RefreshMsg{})
	out := drain(t, m, cmd)
	var confirm *pane.ConfirmMsg
	for _, msg := range out {
		if c, ok := msg.(pane.ConfirmMsg); ok {
			confirm = &c
		}
	}
	if confirm == nil || m.tx != 'T' {
		t.Fatalf("no commit question (tx %c): %v", m.tx, out)
	}
	_, cmd = m.Update(pane.ConfirmedMsg{To: pane.Query, Action: confirm.Action})
	drain(t, m, cmd)
	if m.tx != 'I' {
		t.Errorf("still in transaction after commit: %c", m.tx)
	}
	m.Editor().SetValue("delete from audited")
	_, cmd = m.Update(pane.RefreshMsg{})
	out = drain(t, m, cmd)
	found := false
	for _, msg := range out {
		if c, ok := msg.(pane.ConfirmMsg); ok && strings.Contains(c.Question, "without WHERE") && c.Danger {
			found = true
		}
	}
	if !found {
		t.Errorf("DELETE without WHERE not called out: %v", out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "audit.jsonl"))
	if err != nil || !strings.Contains(string(b), "create table if not exists audited") {
		t.Errorf("audit log: %q %v", b, err)
	}
	h, _ := os.ReadFile(filepath.Join(dir, "history.jsonl"))
	if !strings.Contains(string(h), "delete from audited") {
		t.Errorf("history: %q", h)
	}
}

func TestEscMovesFocusAndGridKeys(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue("select g, g*2 from generate_series(1,100) g")
	_, cmd := m.Update(pane.RefreshMsg{})
	drain(t, m, cmd)
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.Capturing() {
		t.Fatal("esc should move focus to the grid")
	}
	m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	m.Update(tea.KeyPressMsg{Code: 'l', Text: "l"})
	if g := m.grid(); g.Row != 1 || g.Col != 1 {
		t.Errorf("cursor %d,%d", g.Row, g.Col)
	}
	m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
	if g := m.grid(); g.Row != 99 {
		t.Errorf("G went to %d", g.Row)
	}
	m.Update(tea.KeyPressMsg{Code: 'i', Text: "i"})
	if !m.Capturing() {
		t.Error("i should return to the editor")
	}
}
