package query

import (
	"reflect"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/ui/config"
)

// Every action is a key.Binding field with keys and help, and the help
// overlay lists every one of them.
func TestKeyMapHasEveryActionInHelp(t *testing.T) {
	km := DefaultKeyMap()
	listed := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			listed[b.Help().Key+" "+b.Help().Desc] = true
		}
	}
	v := reflect.ValueOf(km)
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			t.Errorf("field %s is not a key.Binding", name)
			continue
		}
		if len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("%s has no keys or no help", name)
		}
		if !listed[b.Help().Key+" "+b.Help().Desc] {
			t.Errorf("%s is missing from FullHelp", name)
		}
	}
}

// A remapped key from the configuration file drives the pane.
func TestRemappedKeys(t *testing.T) {
	km := DefaultKeyMap()
	cfg := config.Config{Keys: map[string]map[string][]string{"query": {"run": {"ctrl+g"}, "to_grid": {"f10"}}}}
	if err := cfg.Apply("query", &km); err != nil {
		t.Fatal(err)
	}
	m := newPane(t, false, "")
	m.keys = km
	m.Editor().SetValue("select 41 + 1 as answer")
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	if cmd != nil || m.Busy() {
		t.Fatal("ctrl+r still runs after remapping run to ctrl+g")
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'g', Mod: tea.ModCtrl})
	drain(t, m, cmd)
	if g := m.grid(); g == nil || len(g.Rows) != 1 {
		t.Fatalf("ctrl+g did not run the statement: %v", m.messages)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyF10})
	if !m.gridFocus {
		t.Error("f10 (remapped to_grid) did not focus the results")
	}
}
