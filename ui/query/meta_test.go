package query

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestMetaCommandsInRunAll(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue("select 1 as a;\n\\timing on\nselect 2 as b;\n\\dt pg_catalog.pg_clas?\n\\conninfo\n\\?\n\\nosuch")
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	drain(t, m, cmd)
	if len(m.sets) != 3 || m.sets[0].grid.Cols[0].Name != "a" || m.sets[1].grid.Cols[0].Name != "b" {
		t.Fatalf("sets %d, messages %v", len(m.sets), m.messages)
	}
	if g := m.sets[2].grid; len(g.Rows) != 1 {
		t.Errorf(`\dt pg_catalog.pg_clas? listed %d rows`, len(g.Rows))
	} else if v, _ := g.Rows[0].Value(1); v != "pg_class" {
		t.Errorf(`\dt pattern listed %q`, v)
	}
	all := strings.Join(m.messages, "\n")
	// \timing on came after the first statement: two statements are timed.
	if n := strings.Count(all, "Time: "); n != 2 || !strings.Contains(all, "Timing is on.") {
		t.Errorf("timing: %d Time lines in\n%s", n, all)
	}
	for _, want := range []string{`You are connected to database "postgres" as user`, `\dt \di \dn \df [PATTERN]`, `invalid command \\nosuch (try \?)`} {
		if !strings.Contains(all, want) {
			t.Errorf("messages lack %q:\n%s", want, all)
		}
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, `invalid command \\nosuch`) {
		t.Errorf("view:\n%s", v)
	}
	// \timing off turns it off again.
	m.Editor().SetValue("\\timing off\nselect 3")
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	drain(t, m, cmd)
	if m.timing || strings.Contains(strings.Join(m.messages, "\n"), "Time: ") {
		t.Errorf("timing off: %v", m.messages)
	}
}
