package widget

import (
	"fmt"
	"strings"
)

// ReplaceBefore replaces the n runes before the cursor on its line with s,
// as one undo step (accepting a completion).
func (e *Editor) ReplaceBefore(n int, s string) {
	ins := []rune(strings.ReplaceAll(clean(s), "\n", " "))
	n = min(max(n, 0), e.col)
	e.save("replace")
	e.lastEdit = "" // typing after it is a step of its own
	r := []rune(e.lines[e.row])
	e.lines[e.row] = string(r[:e.col-n]) + string(ins) + string(r[e.col:])
	e.col += len(ins) - n
}

// Window returns the text of the lines around the cursor, at most about
// maxBytes of it, and the cursor's byte offset in that text. Completion
// reads the statement under the cursor from it without joining a huge
// buffer on every key.
func (e *Editor) Window(maxBytes int) (string, int) {
	from, to := e.row, e.row+1
	size := len(e.lines[e.row])
	for size < maxBytes && (from > 0 || to < len(e.lines)) {
		if from > 0 {
			from--
			size += len(e.lines[from]) + 1
		}
		if to < len(e.lines) {
			size += len(e.lines[to]) + 1
			to++
		}
	}
	off := 0
	for i := from; i < e.row; i++ {
		off += len(e.lines[i]) + 1
	}
	off += len(string([]rune(e.lines[e.row])[:e.col]))
	return joinLines(e.lines[from:to]), off
}

func joinLines(lines []string) string {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range lines {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, l...)
	}
	return string(b)
}

// CursorScreen is the cursor's cell in the editor's last View: x counts
// the gutter, y the visible lines.
func (e *Editor) CursorScreen() (x, y int) {
	gw := len(fmt.Sprint(len(e.lines))) + 1
	return gw + e.col - e.left, e.row - e.top
}
