package widget

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestHighlightSQLBlock(t *testing.T) {
	st := SQLBlockStyles{Keyword: lipgloss.NewStyle().Bold(true), String: lipgloss.NewStyle().Italic(true)}
	src := "CREATE TABLE t (\n    a text DEFAULT 'x\x1by'\n);\n/* two\nlines */"
	lines := HighlightSQLBlock(src, st)
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
	}
	want := []string{"CREATE TABLE t (", `    a text DEFAULT 'x\x1by'`, ");", "/* two", "lines */"}
	if strings.Join(plain, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q", plain)
	}
	if lines[0] == plain[0] {
		t.Errorf("keywords not styled: %q", lines[0])
	}
}
