package schema

import (
	"reflect"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/ui/config"
)

// TestEveryActionInHelp: each key.Binding field of the KeyMap has keys
// and help text and appears in the help overlay (FullHelp).
func TestEveryActionInHelp(t *testing.T) {
	km := DefaultKeyMap()
	inHelp := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			inHelp[b.Help().Desc] = true
		}
	}
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(key.Binding)
		name := v.Type().Field(i).Name
		if !ok {
			continue
		}
		if len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("%s has no keys or help", name)
		}
		if !inHelp[b.Help().Desc] {
			t.Errorf("%s (%q) is not in the help overlay", name, b.Help().Desc)
		}
	}
	if len(config.Actions(&km)) != v.NumField() {
		t.Errorf("every field should be a remappable action: %v", config.Actions(&km))
	}
}

// TestRemappedKeys: [keys.schema] overrides reach the pane, including the
// filter's own editing keys.
func TestRemappedKeys(t *testing.T) {
	km := DefaultKeyMap()
	cfg := config.Config{Keys: map[string]map[string][]string{"schema": {
		"filter": {"f"}, "filter_erase": {"ctrl+w"}, "leave_filter": {"tab"}, "next_tab": {"n"},
	}}}
	if err := cfg.Apply("schema", &km); err != nil {
		t.Fatal(err)
	}
	m := openPane(t)
	m.keys = km
	press(t, m, "/")
	if m.Capturing() {
		t.Fatal("the old filter key still opens the filter")
	}
	press(t, m, "f", "o", "r")
	if !m.Capturing() || m.list.filter != "or" {
		t.Fatalf("remapped filter key: capturing %v filter %q", m.Capturing(), m.list.filter)
	}
	m.Update(tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	if m.list.filter != "" || !m.Capturing() {
		t.Errorf("ctrl+w should erase the filter: %q", m.list.filter)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if m.Capturing() {
		t.Error("tab should leave the filter")
	}
	press(t, m, "n")
	if m.tab != tabIndexes {
		t.Errorf("remapped next tab: tab %d", m.tab)
	}
}
