package finding

import (
	"strings"
	"testing"
)

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{
		"tasks":        "tasks",
		"Tasks":        `"Tasks"`,
		"user":         `"user"`,
		"order":        `"order"`,
		"name":         "name", // unreserved keyword: bare
		"my table":     `"my table"`,
		`a"b`:          `"a""b"`,
		"1abc":         `"1abc"`,
		"a$1":          `"a$1"`,
		"$a":           `"$a"`,
		"café":         `"café"`,
		"":             `""`,
		"_x9":          "_x9",
		"json_table":   `"json_table"`,
		"xmlserialize": `"xmlserialize"`,
		"system_user":  `"system_user"`,
	} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
	if got := Qualified("public", "User Accounts"); got != `public."User Accounts"` {
		t.Errorf("Qualified = %s", got)
	}
	if got := Qualified("", "t"); got != "t" {
		t.Errorf("Qualified without schema = %s", got)
	}
}

func TestQuoteLiteral(t *testing.T) {
	if got := QuoteLiteral("it's"); got != "'it''s'" {
		t.Errorf("got %s", got)
	}
	if got := QuoteLiteral(`a\b`); got != `E'a\\b'` {
		t.Errorf("got %s", got)
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		seen[r.ID] = true
		if r.Severity.Rank() == 0 || r.Summary == "" || len(r.Areas) == 0 {
			t.Errorf("rule %s incomplete: %+v", r.ID, r)
		}
		if strings.ToLower(r.ID) != r.ID || strings.ContainsAny(r.ID, " _") {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
	}
	f := New("fk-missing-index", "public.tasks", "m", "CREATE INDEX")
	if f.Severity != Warning {
		t.Errorf("default severity not applied: %+v", f)
	}
	defer func() {
		if recover() == nil {
			t.Error("New with an unknown rule did not panic")
		}
	}()
	New("no-such-rule", "", "", "")
}

func TestParseDisabledAndFilter(t *testing.T) {
	if _, err := ParseDisabled("fk-missing-index,nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown id not rejected: %v", err)
	}
	set, err := ParseDisabled(" fk-missing-index , ,no-primary-key")
	if err != nil || len(set) != 2 {
		t.Fatalf("set=%v err=%v", set, err)
	}
	fs := []Finding{
		New("fk-missing-index", "a", "", ""),
		New("invalid-index", "b", "", ""),
		New("no-primary-key", "c", "", ""),
		New("json-not-jsonb", "d", "", ""),
	}
	kept := Filter(fs, set)
	if len(kept) != 2 || kept[0].Rule != "invalid-index" {
		t.Errorf("Filter kept %v", kept)
	}
	Sort(kept)
	if kept[0].Severity != Error || Worst(kept) != Error || Worst(nil) != "" {
		t.Errorf("Sort/Worst: %v", kept)
	}
	if _, err := ParseSeverity("Warning"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("bad severity accepted")
	}
	if !Warning.AtLeast(Info) || Info.AtLeast(Error) {
		t.Error("AtLeast ordering wrong")
	}
}
