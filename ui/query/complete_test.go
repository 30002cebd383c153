package query

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
)

var fixtureOnce sync.Once

// completionPane is a pane whose completion names include the ct schema.
func completionPane(t *testing.T) *Model {
	t.Helper()
	fixtureOnce.Do(func() {
		d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("postgres"), ReadWrite: true})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		err = d.Write(context.Background(), func(q db.Querier) error {
			_, err := q.Exec(context.Background(), `create schema ct;
				create table ct.users (id int, email text, "Created At" timestamptz);
				create table ct.orders (id int, user_id int, total numeric);
				create table ct."Odd Table" ("Mixed Col" int, plain int)`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	m := newPane(t, false, "")
	drain(t, m, m.Init())
	if m.completions == nil {
		t.Fatalf("completions not loaded: %v", m.messages)
	}
	return m
}

func press(m *Model, k tea.KeyPressMsg) { m.Update(k) }

var tab = tea.KeyPressMsg{Code: tea.KeyTab}

func TestCompletionAfterAlias(t *testing.T) {
	m := completionPane(t)
	m.Editor().SetValue("select  from ct.users u join ct.orders as o on true")
	m.Editor().SetOffset(len("select "))
	typeText(m, "o.")
	view := ansi.Strip(m.View())
	for _, want := range []string{"user_id", "total", "column"} {
		if !strings.Contains(view, want) {
			t.Errorf("popup after o. lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "email") {
		t.Errorf("popup after o. offers users' columns:\n%s", view)
	}
	typeText(m, "to")
	press(m, tab)
	if got := m.Editor().Value(); !strings.HasPrefix(got, "select o.total from") {
		t.Errorf("after accepting: %q", got)
	}
	if m.pop != nil {
		t.Error("popup still open after accepting")
	}
	// Enter accepts too; quoted names come back quoted.
	typeText(m, ", u.")
	if m.pop == nil || len(m.pop.items) != 3 || m.pop.items[2].text != `"Created At"` {
		t.Fatalf("popup after u.: %+v", m.pop)
	}
	press(m, tea.KeyPressMsg{Code: tea.KeyDown})
	press(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if got := m.Editor().Value(); !strings.HasPrefix(got, "select o.total, u.email from") {
		t.Errorf("after down+enter: %q", got)
	}
}

func TestCompletionKeysAndIndent(t *testing.T) {
	m := completionPane(t)
	// Nothing to complete: Tab indents.
	press(m, tab)
	if got := m.Editor().Value(); got != "  " {
		t.Errorf("tab with nothing to complete: %q", got)
	}
	// A unique keyword is inserted at once, in the case typed.
	m.Editor().SetValue("SELEC")
	press(m, tab)
	if got := m.Editor().Value(); got != "SELECT" {
		t.Errorf("keyword: %q", got)
	}
	// After FROM only relations and schemas are offered; Esc closes the
	// popup and keeps the editor focused.
	m.Editor().SetValue("select * from pg_")
	press(m, tab)
	if m.pop == nil {
		t.Fatal("no popup after from pg_")
	}
	for _, it := range m.pop.items {
		if it.kind != "table" && it.kind != "schema" {
			t.Errorf("after FROM: %+v", it)
		}
	}
	press(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.pop != nil || m.gridFocus {
		t.Errorf("esc: popup %v, grid focus %v", m.pop != nil, m.gridFocus)
	}
	// Schema-qualified: tables of the schema, quoted where needed.
	m.Editor().SetValue(`select * from ct.O`)
	press(m, tab)
	if m.pop == nil || len(m.pop.items) != 2 {
		t.Fatalf("ct.O: %+v", m.pop)
	}
	for m.pop.items[m.pop.sel].text != `"Odd Table"` {
		press(m, tea.KeyPressMsg{Code: tea.KeyDown})
	}
	press(m, tab)
	if got := m.Editor().Value(); got != `select * from ct."Odd Table"` {
		t.Errorf("ct.O: %q", got)
	}
}

func TestScopeOnIncompleteSQL(t *testing.T) {
	for _, c := range []struct {
		sql  string
		want map[string]relRef
	}{
		{"select u. from users u", map[string]relRef{"users": {"", "users"}, "u": {"", "users"}}},
		{`select * from public."My T" AS "X", b where`, map[string]relRef{"My T": {"public", "My T"}, "X": {"public", "My T"}, "b": {"", "b"}}},
		{"select * from a left join (select 1) s on true join c on c.", map[string]relRef{"a": {"", "a"}, "c": {"", "c"}}},
		{"update t set x = t.", map[string]relRef{"t": {"", "t"}}},
		{"select 'open quote from t", nil},
		{"select 1", map[string]relRef{}},
	} {
		got := scope(c.sql)
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("scope(%q) = %v, want %v", c.sql, got, c.want)
		}
	}
}

func TestWordAt(t *testing.T) {
	for _, c := range []struct {
		text string
		want word
	}{
		{"select u.em", word{start: 9, prefix: "em", qualifier: "u", dotted: true}},
		{`select "Odd Table".`, word{start: 19, qualifier: "Odd Table", dotted: true}},
		{`select * from "Od`, word{start: 14, prefix: `"Od`}},
		{"select ", word{start: 7}},
	} {
		if got := wordAt(c.text, len(c.text)); got != c.want {
			t.Errorf("wordAt(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
}
