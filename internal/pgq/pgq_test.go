package pgq

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	script := "select 1; select ';' as semi;\n-- a comment; with a semicolon\nselect $$a;b$$, E'x\\';y';\n;  \ncreate function f() returns int language sql as $body$ select 1; $body$"
	stmts, err := Split(script)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 4 {
		for _, s := range stmts {
			t.Logf("%q", s.Text)
		}
		t.Fatalf("got %d statements, want 4", len(stmts))
	}
	if !strings.Contains(stmts[2].Text, "$$a;b$$") || !strings.Contains(stmts[2].Text, "-- a comment") {
		t.Errorf("third statement: %q", stmts[2].Text)
	}
	if script[stmts[3].Start:stmts[3].End] != stmts[3].Text || !strings.HasSuffix(stmts[3].Text, "$body$") {
		t.Errorf("offsets: %+v", stmts[3])
	}
	if _, err := Parse(stmts[3].Text); err != nil {
		t.Errorf("parse: %v", err)
	}
	if Backend == "" {
		t.Error("no backend name")
	}
}

func TestParseError(t *testing.T) {
	if _, err := Parse("selec 1"); err == nil {
		t.Fatal("syntax error not reported")
	}
}
