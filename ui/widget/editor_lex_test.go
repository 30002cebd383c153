package widget

import (
	"strings"
	"testing"
)

// classString renders a line's classes as letters: t text, k keyword,
// s string, n number, c comment, o operator.
func classString(e *Editor, i int) string {
	cls := e.hl.lineClasses(e.lines[i], e.entryState(i))
	var b strings.Builder
	for _, k := range cls {
		b.WriteByte("tksnco"[k])
	}
	return b.String()
}

func TestHighlightCarriesStateAcrossLines(t *testing.T) {
	e := NewEditor()
	e.SetValue(strings.Join([]string{
		"select 1; /* open",                        // 0
		"still /* nested */ in",                    // 1
		"done */ select",                           // 2
		"create function f() returns int as $fn$",  // 3
		"  select 'it''s' ; -- not a comment here", // 4
		"$fn$ language sql;",                       // 5
		"select E'a\\'",                            // 6
		"b'",                                       // 7
	}, "\n"))
	want := map[int]string{
		1: strings.Repeat("c", len("still /* nested */ in")),
		4: strings.Repeat("s", len("  select 'it''s' ; -- not a comment here")),
		7: "ss",
	}
	for i, w := range want {
		if got := classString(e, i); got != w {
			t.Errorf("line %d: %s, want %s", i, got, w)
		}
	}
	l0 := classString(e, 0)
	if !strings.HasSuffix(l0, strings.Repeat("c", len("/* open"))) || l0[0] != 'k' {
		t.Errorf("line 0: %s", l0)
	}
	l2 := classString(e, 2)
	if l2[:len("done */")] != strings.Repeat("c", len("done */")) || l2[len(l2)-1] != 'k' {
		t.Errorf("line 2: %s (comment must end at */, select after it a keyword)", l2)
	}
	if l3 := classString(e, 3); !strings.HasSuffix(l3, "ssss") {
		t.Errorf("line 3: %s (the opening $fn$ is part of the body)", l3)
	}
	l5 := classString(e, 5)
	if l5[:4] != "ssss" || !strings.Contains(l5, "k") {
		t.Errorf("line 5: %s", l5)
	}
	// Editing line 0 so the comment no longer opens recolours what follows.
	e.SetOffset(len("select 1; /"))
	e.Delete() // the * of /*
	if got := classString(e, 1); strings.Contains(got, "c") && strings.Count(got, "c") == len(got) {
		t.Errorf("line 1 still a comment after the opener was deleted: %s", got)
	}
	e.Undo()
	if got := classString(e, 1); got != strings.Repeat("c", len(got)) {
		t.Errorf("undo did not bring the comment back: %s", got)
	}
}

func TestScanLineDollarTags(t *testing.T) {
	for _, c := range []struct {
		line string
		kind byte
	}{
		{"select $1, $2", 0},           // parameters are not quotes
		{"select a$b$ from t", 0},      // $ inside an identifier
		{"as $body$ begin", 'd'},       // opens
		{"as $$ begin $$ x", 0},        // opens and closes
		{"select 'abc", 's'},           // string spans the line end
		{`select "Odd`, 'i'},           // quoted identifier too
		{"select 1 -- /* not open", 0}, // line comment hides the opener
	} {
		if got := scanLine(lexState{}, c.line).end.kind; got != c.kind {
			t.Errorf("%q ends in %q, want %q", c.line, got, c.kind)
		}
	}
}

func BenchmarkFrameEndOf1MBBuffer(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("insert into t values (1, 'text', $$body$$); /* c */\n")
	}
	e := NewEditor()
	e.SetValue(sb.String())
	e.Width, e.Height = 120, 20
	st := EditorStyles{}
	_ = e.View(st, true, -1)
	for b.Loop() {
		e.Insert("x")
		_ = e.View(st, true, -1)
	}
}
