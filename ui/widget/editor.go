package widget

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Editor is a multi-line SQL editor with undo/redo. The buffer holds no
// control characters: tabs become spaces and the rest are dropped on
// input, so rendering it can never emit an escape sequence.
type Editor struct {
	lines     []string
	row, col  int // cursor; col counts runes
	top, left int
	// Width and Height are the area the editor draws in, gutter included.
	Width, Height int

	undo, redo []snapshot
	lastEdit   string // kind of the last edit, to group typing into one undo step
	hl         *highlighter
	// states[i] is the lexical state line i starts in, known for the
	// first valid lines (editor_lex.go).
	states []lexState
	valid  int
}

type snapshot struct {
	lines    []string
	row, col int
}

// maxUndo bounds the undo history.
const maxUndo = 500

// NewEditor returns an empty editor.
func NewEditor() *Editor { return &Editor{lines: []string{""}, hl: newHighlighter()} }

// Value is the buffer's text.
func (e *Editor) Value() string { return strings.Join(e.lines, "\n") }

// SetValue replaces the buffer (undoably) and puts the cursor at the end.
func (e *Editor) SetValue(s string) {
	e.save("set")
	e.lines = strings.Split(clean(s), "\n")
	e.row = len(e.lines) - 1
	e.col = runeCount(e.lines[e.row])
}

// Offset is the cursor's byte offset in Value.
func (e *Editor) Offset() int {
	off := 0
	for i := 0; i < e.row; i++ {
		off += len(e.lines[i]) + 1
	}
	return off + len(string([]rune(e.lines[e.row])[:e.col]))
}

// SetOffset moves the cursor to byte offset off of Value (an error
// position, say).
func (e *Editor) SetOffset(off int) {
	for i, l := range e.lines {
		if off <= len(l) {
			e.row, e.col = i, runeCount(l[:max(off, 0)])
			return
		}
		off -= len(l) + 1
	}
	e.row = len(e.lines) - 1
	e.col = runeCount(e.lines[e.row])
}

// Cursor returns the cursor's line and column (0-based, in runes).
func (e *Editor) Cursor() (row, col int) { return e.row, e.col }

// Insert types s at the cursor.
func (e *Editor) Insert(s string) {
	s = clean(s)
	if s == "" {
		return
	}
	kind := "type"
	if strings.ContainsAny(s, " \n") || len(s) > 1 {
		kind = "insert"
	}
	e.save(kind)
	r := []rune(e.lines[e.row])
	head, tail := string(r[:e.col]), string(r[e.col:])
	parts := strings.Split(s, "\n")
	parts[0] = head + parts[0]
	last := len(parts) - 1
	e.col = runeCount(parts[last])
	parts[last] += tail
	e.lines = append(e.lines[:e.row], append(parts, e.lines[e.row+1:]...)...)
	e.row += last
}

// Newline splits the line at the cursor, keeping the indentation.
func (e *Editor) Newline() {
	indent := e.lines[e.row][:len(e.lines[e.row])-len(strings.TrimLeft(e.lines[e.row], " "))]
	if runeCount(indent) > e.col {
		indent = ""
	}
	e.Insert("\n" + indent)
}

// Backspace deletes the rune before the cursor, joining lines at column 0.
func (e *Editor) Backspace() {
	switch {
	case e.col > 0:
		e.save("delete")
		r := []rune(e.lines[e.row])
		e.lines[e.row] = string(r[:e.col-1]) + string(r[e.col:])
		e.col--
	case e.row > 0:
		e.save("join")
		e.col = runeCount(e.lines[e.row-1])
		e.lines[e.row-1] += e.lines[e.row]
		e.lines = append(e.lines[:e.row], e.lines[e.row+1:]...)
		e.row--
	}
}

// Delete deletes the rune under the cursor.
func (e *Editor) Delete() {
	r := []rune(e.lines[e.row])
	switch {
	case e.col < len(r):
		e.save("delete")
		e.lines[e.row] = string(r[:e.col]) + string(r[e.col+1:])
	case e.row < len(e.lines)-1:
		e.save("join")
		e.lines[e.row] += e.lines[e.row+1]
		e.lines = append(e.lines[:e.row+1], e.lines[e.row+2:]...)
	}
}

// save records the buffer before an edit. Consecutive edits of the same
// kind (typing a word) share one undo step.
func (e *Editor) save(kind string) {
	e.invalidate(e.row - 1)
	e.redo = nil
	if kind == e.lastEdit && (kind == "type" || kind == "delete") {
		return
	}
	e.lastEdit = kind
	e.undo = append(e.undo, e.snap())
	if len(e.undo) > maxUndo {
		e.undo = e.undo[len(e.undo)-maxUndo:]
	}
}

func (e *Editor) snap() snapshot {
	return snapshot{lines: append([]string(nil), e.lines...), row: e.row, col: e.col}
}

// Undo reverts the last edit step.
func (e *Editor) Undo() {
	if len(e.undo) == 0 {
		return
	}
	e.invalidate(0)
	e.redo = append(e.redo, e.snap())
	s := e.undo[len(e.undo)-1]
	e.undo = e.undo[:len(e.undo)-1]
	e.lines, e.row, e.col, e.lastEdit = s.lines, s.row, s.col, ""
}

// Redo re-applies an undone step.
func (e *Editor) Redo() {
	if len(e.redo) == 0 {
		return
	}
	e.invalidate(0)
	e.undo = append(e.undo, e.snap())
	s := e.redo[len(e.redo)-1]
	e.redo = e.redo[:len(e.redo)-1]
	e.lines, e.row, e.col, e.lastEdit = s.lines, s.row, s.col, ""
}

// HandleKey applies an editing or movement key and reports whether it
// was one. Undo and redo are the caller's keys (Undo, Redo).
func (e *Editor) HandleKey(msg tea.KeyPressMsg) bool {
	switch msg.String() {
	case "enter":
		e.Newline()
	case "backspace", "ctrl+h":
		e.Backspace()
	case "delete", "ctrl+d":
		e.Delete()
	case "tab":
		e.Insert("  ")
	default:
		if e.move(msg.String()) {
			e.lastEdit = ""
			return true
		}
		if msg.Text == "" {
			return false
		}
		e.Insert(msg.Text)
	}
	return true
}

func (e *Editor) move(k string) bool {
	switch k {
	case "left":
		if e.col > 0 {
			e.col--
		} else if e.row > 0 {
			e.row--
			e.col = runeCount(e.lines[e.row])
		}
	case "right":
		if e.col < runeCount(e.lines[e.row]) {
			e.col++
		} else if e.row < len(e.lines)-1 {
			e.row, e.col = e.row+1, 0
		}
	case "up":
		e.row = max(e.row-1, 0)
	case "down":
		e.row = min(e.row+1, len(e.lines)-1)
	case "pgup":
		e.row = max(e.row-max(e.Height-1, 1), 0)
	case "pgdown":
		e.row = min(e.row+max(e.Height-1, 1), len(e.lines)-1)
	case "home", "ctrl+a":
		e.col = 0
	case "end", "ctrl+e":
		e.col = runeCount(e.lines[e.row])
	case "ctrl+home":
		e.row, e.col = 0, 0
	case "ctrl+end":
		e.row = len(e.lines) - 1
		e.col = runeCount(e.lines[e.row])
	default:
		return false
	}
	e.col = min(e.col, runeCount(e.lines[e.row]))
	return true
}

// clean turns tabs into spaces, CRLF into LF, and drops other control
// characters.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\t", "    ")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

func runeCount(s string) int { return len([]rune(s)) }
