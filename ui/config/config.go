// Package config reads pgdeck's configuration file and applies its key
// remappings to the key maps of the console and its panes.
//
// The file is TOML, at $XDG_CONFIG_HOME/pgdeck/config.toml (by default
// ~/.config/pgdeck/config.toml):
//
//	[keys.global]
//	quit = ["q", "ctrl+q"]
//
//	[keys.query]
//	run = ["f5", "ctrl+r"]
//
//	[slow]
//	mean_ms = 50
//	min_calls = 20
//
// Sections are "global" and the pane ids; action names are the snake_case
// names of the key map's fields, as `pgdeck keys` lists them.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"github.com/BurntSushi/toml"
)

// Config is the parsed configuration file.
type Config struct {
	// Keys maps section → action → keys.
	Keys map[string]map[string][]string `toml:"keys"`
	// Theme forces "dark" or "light"; empty asks the terminal.
	Theme string `toml:"theme"`
	// Slow sets when the Slow queries pane highlights a statement; zero
	// fields keep PgHero's defaults (20 ms mean over 100 calls).
	Slow struct {
		MeanMs   float64 `toml:"mean_ms"`
		MinCalls int64   `toml:"min_calls"`
	} `toml:"slow"`
}

// Path returns where the configuration file is looked for.
func Path() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "pgdeck", "config.toml")
}

// Load reads the file at path. A missing file is an empty configuration;
// a malformed one is an error naming the file and the line.
func Load(path string) (Config, error) {
	var c Config
	if path == "" {
		return c, nil
	}
	_, err := toml.DecodeFile(path, &c)
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	switch c.Theme {
	case "", "dark", "light":
	default:
		return Config{}, fmt.Errorf("config %s: theme %q: want dark or light", path, c.Theme)
	}
	return c, nil
}

// Apply remaps the key.Binding fields of the struct km points to, from
// section's overrides. Unknown actions are an error listing the valid
// ones, so a typo in the file is not silently ignored.
func (c Config) Apply(section string, km any) error {
	overrides := c.Keys[section]
	if len(overrides) == 0 {
		return nil
	}
	v := reflect.ValueOf(km)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("config: key map for %s is not a pointer to a struct", section)
	}
	s := v.Elem()
	fields := map[string]reflect.Value{}
	for i := 0; i < s.NumField(); i++ {
		f := s.Field(i)
		if f.Type() == reflect.TypeOf(key.Binding{}) && f.CanSet() {
			fields[SnakeCase(s.Type().Field(i).Name)] = f
		}
	}
	for action, keys := range overrides {
		f, ok := fields[action]
		if !ok {
			return fmt.Errorf("config: [keys.%s] has no action %q; actions: %s", section, action, strings.Join(sortedKeys(fields), ", "))
		}
		if len(keys) == 0 {
			return fmt.Errorf("config: [keys.%s] %s: give at least one key", section, action)
		}
		b := f.Interface().(key.Binding)
		b.SetKeys(keys...)
		b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
		f.Set(reflect.ValueOf(b))
	}
	return nil
}

// Actions lists the remappable action names of a key map, for docs.
func Actions(km any) []string {
	t := reflect.TypeOf(km)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == reflect.TypeOf(key.Binding{}) {
			out = append(out, SnakeCase(t.Field(i).Name))
		}
	}
	return out
}

// SnakeCase turns a Go field name into the action name: GotoAlt →
// goto_alt, RunSQL → run_sql.
func SnakeCase(name string) string {
	var b strings.Builder
	runes := []rune(name)
	for i, r := range runes {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && unicode.IsLower(runes[i-1])
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if i > 0 && (prevLower || (nextLower && unicode.IsUpper(runes[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortedKeys(m map[string]reflect.Value) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
