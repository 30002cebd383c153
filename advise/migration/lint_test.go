package migration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/finding"
)

func lintString(t *testing.T, name, sql string, mode TxMode) []Finding {
	t.Helper()
	fs, err := LintSource(Source{Name: name, SQL: sql, Tool: Plain, Mode: mode}, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return fs
}

func rulesOf(fs []Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule]++
	}
	return m
}

// TestRules runs every testdata/rules/<rule>.bad.sql, which must raise
// <rule>, and its safe twin <rule>.good.sql, which must not.
func TestRules(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		base := filepath.Base(path)
		rule, kind, _ := strings.Cut(strings.TrimSuffix(base, ".sql"), ".")
		if _, ok := finding.Lookup(rule); !ok {
			t.Errorf("%s: %q is not a registered rule", base, rule)
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(base, func(t *testing.T) {
			// Read as the tools' files are: a file with goose or dbmate
			// markers runs in their transaction, any other on its own.
			src, ok := ReadSource(path, string(b))
			if !ok {
				t.Fatalf("%s not read as a migration", path)
			}
			fs, err := LintSource(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := rulesOf(fs)
			switch kind {
			case "bad":
				seen[rule] = true
				if got[rule] == 0 {
					t.Fatalf("want %s, got %v", rule, fs)
				}
				for _, f := range fs {
					if f.File != path || f.Line < 1 || f.Statement == "" || f.Message == "" || (f.Fix == "" && len(f.Steps) == 0) {
						t.Errorf("incomplete finding %+v", f)
					}
				}
			case "good":
				if got[rule] != 0 {
					t.Fatalf("safe twin raised %s: %v", rule, fs)
				}
			default:
				t.Fatalf("file kind %q: want bad or good", kind)
			}
		})
	}
	for _, r := range finding.Rules() {
		if hasArea(r, finding.Migration) && !seen[r.ID] {
			t.Errorf("migration rule %s has no testdata/rules/%s.bad.sql", r.ID, r.ID)
		}
	}
}

func hasArea(r finding.Rule, a finding.Area) bool {
	for _, x := range r.Areas {
		if x == a {
			return true
		}
	}
	return false
}
