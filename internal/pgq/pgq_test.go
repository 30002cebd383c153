package pgq

import (
	"strings"
	"testing"
)

func TestBackend(t *testing.T) {
	if Backend == "" {
		t.Error("no backend name")
	}
	if _, err := Parse("create function f() returns int language sql as $b$ select 1; $b$"); err != nil {
		t.Errorf("parse: %v", err)
	}
}

func TestParseError(t *testing.T) {
	_, err := Parse("select 1;\nselec 1")
	if err == nil {
		t.Fatal("syntax error not reported")
	}
	msg, pos, ok := SyntaxError(err)
	if !ok || !strings.Contains(msg, "syntax error") || pos != 11 {
		t.Fatalf("SyntaxError = %q, %d, %v", msg, pos, ok)
	}
}
