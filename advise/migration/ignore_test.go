package migration

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestIgnoreComments(t *testing.T) {
	cases := []struct {
		sql       string
		wantRules []string // rules that must still be reported
		goneRules []string // rules the comment exempts
	}{
		{"-- pgdeck:ignore drop-column\nALTER TABLE users DROP COLUMN a;", nil, []string{"drop-column"}},
		{"ALTER TABLE users DROP COLUMN a; -- pgdeck:ignore drop-column", nil, []string{"drop-column"}},
		{"/* pgdeck:ignore drop-column, missing-lock-timeout */ ALTER TABLE users DROP COLUMN a;", nil, []string{"drop-column", "missing-lock-timeout"}},
		{"ALTER TABLE users DROP COLUMN a /* pgdeck:ignore drop-column */;", nil, []string{"drop-column"}},
		// An exemption names its rule: other rules still fire.
		{"-- pgdeck:ignore truncate\nALTER TABLE users DROP COLUMN a;", []string{"drop-column"}, nil},
		// It applies to its own statement only.
		{"-- pgdeck:ignore drop-column\nALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;", []string{"drop-column"}, nil},
		// A trailing comment belongs to the statement on its line, not the next.
		{"SELECT 1; -- pgdeck:ignore drop-column\nALTER TABLE users DROP COLUMN b;", []string{"drop-column"}, nil},
		// Inside a string it is data, not a comment.
		{"ALTER TABLE users DROP COLUMN a; SELECT '-- pgdeck:ignore drop-column';", []string{"drop-column"}, nil},
	}
	for _, c := range cases {
		got := rulesOf(lintString(t, "x.sql", c.sql, TxNone))
		for _, r := range c.wantRules {
			if got[r] == 0 {
				t.Errorf("%q: %s exempted, want it reported (%v)", c.sql, r, got)
			}
		}
		for _, r := range c.goneRules {
			if got[r] != 0 {
				t.Errorf("%q: %s reported despite the exemption", c.sql, r)
			}
		}
		if c.sql == "-- pgdeck:ignore drop-column\nALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;" && got["drop-column"] != 1 {
			t.Errorf("want exactly the second drop-column, got %d", got["drop-column"])
		}
	}
}

func TestLinesAndStatements(t *testing.T) {
	sql := "-- header\n\nSET lock_timeout = '1s';\n\n/* note */\nALTER TABLE users\n  DROP COLUMN a;\nDROP TABLE t1; DROP TABLE t2;\n"
	fs := lintString(t, "f.sql", sql, TxNone)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+"@"+strconv.Itoa(f.Line)+":"+f.Statement)
	}
	want := []string{
		"drop-column@6:ALTER TABLE users\n  DROP COLUMN a",
		"drop-table@8:DROP TABLE t1",
		"drop-table@8:DROP TABLE t2",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, f := range fs {
		if f.Lock != AccessExclusive {
			t.Errorf("%s: lock %s, want ACCESS EXCLUSIVE", f.Rule, f.Lock)
		}
	}
}

func TestParseErrorNamesFileAndLine(t *testing.T) {
	for sql, line := range map[string]int{
		"SELECT 1;\n\nALTER TABLE users DROP COLUMN;\n": 3,
		"SELECT 1;\nSELECT 'unterminated;\n":            2,
		"SELECT 1;\x00DROP TABLE users;":                1,
	} {
		_, err := LintSource(Source{Name: "bad.sql", SQL: sql}, Options{})
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: err = %v, want a ParseError", sql, err)
		}
		if pe.File != "bad.sql" || pe.Line != line || !strings.HasPrefix(err.Error(), "bad.sql:") {
			t.Errorf("%q: %v (line %d), want line %d", sql, err, pe.Line, line)
		}
	}
}
