package widget

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func typeKeys(e *Editor, s string) {
	for _, r := range s {
		if r == '\n' {
			e.HandleKey(tea.KeyPressMsg{Code: tea.KeyEnter})
			continue
		}
		e.HandleKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func TestEditorTypingUndoRedo(t *testing.T) {
	e := NewEditor()
	typeKeys(e, "select 1\n  from t")
	if e.Value() != "select 1\n  from t" {
		t.Fatalf("value %q", e.Value())
	}
	typeKeys(e, "\nwhere")
	if !strings.HasSuffix(e.Value(), "\n  where") {
		t.Errorf("indentation not kept: %q", e.Value())
	}
	e.Undo()
	e.Undo()
	if e.Value() != "select 1\n  from t" {
		t.Errorf("after undo %q", e.Value())
	}
	e.Redo()
	e.Redo()
	if !strings.HasSuffix(e.Value(), "where") {
		t.Errorf("after redo %q", e.Value())
	}
	e.HandleKey(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if !strings.HasSuffix(e.Value(), "wher") {
		t.Errorf("backspace: %q", e.Value())
	}
}

func TestEditorOffsetsUnicodeAndControls(t *testing.T) {
	e := NewEditor()
	e.SetValue("select 'é'\x1b[2J;\r\nselect\t2")
	if strings.ContainsAny(e.Value(), "\x1b\r\t") {
		t.Fatalf("control characters kept: %q", e.Value())
	}
	v := e.Value()
	i := strings.Index(v, "2")
	e.SetOffset(i)
	if e.Offset() != i {
		t.Errorf("offset round trip %d → %d", i, e.Offset())
	}
	e.SetOffset(strings.Index(v, "'é'") + len("'é"))
	if _, c := e.Cursor(); c != 9 {
		t.Errorf("column after é = %d, want 9 (runes)", c)
	}
}

func TestEditorBracketMatchAndHighlight(t *testing.T) {
	e := NewEditor()
	e.SetValue("select (1 + (2))\nfrom t")
	e.SetOffset(7) // on the first (
	r, c, ok := e.matchBracket()
	if !ok || r != 0 || c != 15 {
		t.Errorf("match of ( at 7: %d,%d,%v", r, c, ok)
	}
	cls := e.hl.classes("select 'x' -- c")
	if cls[0] != tkKeyword || cls[7] != tkString || cls[len(cls)-1] != tkComment {
		t.Errorf("classes %v", cls)
	}
	e.Width, e.Height = 40, 5
	v := ansi.Strip(e.View(EditorStyles{}, true, -1))
	if !strings.Contains(v, "1 select (1 + (2))") || !strings.Contains(v, "2 from t") {
		t.Errorf("view:\n%s", v)
	}
}
