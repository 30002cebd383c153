package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

type testKeys struct {
	Quit    key.Binding
	GotoAlt key.Binding
	RunSQL  key.Binding
	other   int
}

func TestApply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("theme = \"light\"\n[slow]\nmean_ms = 50\nmin_calls = 7\n[keys.global]\nquit = [\"x\", \"ctrl+x\"]\nrun_sql = [\"f9\"]\n"), 0o644)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	km := testKeys{Quit: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")), RunSQL: key.NewBinding(key.WithKeys("f5"))}
	if err := c.Apply("global", &km); err != nil {
		t.Fatal(err)
	}
	if got := km.Quit.Keys(); len(got) != 2 || got[0] != "x" || km.Quit.Help().Desc != "quit" || km.Quit.Help().Key != "x/ctrl+x" {
		t.Errorf("quit: %v %+v", got, km.Quit.Help())
	}
	if c.Slow.MeanMs != 50 || c.Slow.MinCalls != 7 {
		t.Errorf("slow thresholds: %+v", c.Slow)
	}
	if km.RunSQL.Keys()[0] != "f9" || c.Theme != "light" {
		t.Errorf("run_sql: %v theme %q", km.RunSQL.Keys(), c.Theme)
	}
	if err := c.Apply("plan", &km); err != nil {
		t.Errorf("section without overrides: %v", err)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[keys.global\nquit = 1"), 0o644)
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("malformed file: %v", err)
	}
	if c, err := Load(filepath.Join(dir, "missing.toml")); err != nil || c.Keys != nil {
		t.Errorf("missing file: %v", err)
	}
	typo := Config{Keys: map[string]map[string][]string{"global": {"quiet": {"q"}}}}
	var km testKeys
	err := typo.Apply("global", &km)
	if err == nil || !strings.Contains(err.Error(), `"quiet"`) || !strings.Contains(err.Error(), "goto_alt") {
		t.Errorf("typo: %v", err)
	}
	if got := Actions(km); strings.Join(got, ",") != "quit,goto_alt,run_sql" {
		t.Errorf("Actions = %v", got)
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{"Quit": "quit", "GotoAlt": "goto_alt", "RunSQL": "run_sql", "SQLRun": "sql_run", "F5": "f5"} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%s) = %s, want %s", in, got, want)
		}
	}
}
