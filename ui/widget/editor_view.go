package widget

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// EditorStyles colour the editor by token class.
type EditorStyles struct {
	Text, Keyword, String, Number, Comment, Operator, Gutter, Cursor, Bracket, ErrorMark lipgloss.Style
}

// token classes
const (
	tkText = iota
	tkKeyword
	tkString
	tkNumber
	tkComment
	tkOperator
)

// highlighter tokenises lines with chroma's PostgreSQL lexer and caches
// the classes per line text, so typing re-lexes only the edited line.
// Lines are lexed alone; a block comment, dollar quote or string spanning
// lines is found by the editor's own scanner (editor_lex.go), which
// carries the state from line to line and colours those parts itself.
type highlighter struct {
	lexer chroma.Lexer
	cache map[string][]byte
}

const maxCachedLines = 10000

// maxLexLine is the longest line chroma lexes; longer ones (minified SQL)
// are shown plain so a frame stays cheap.
const maxLexLine = 4096

func newHighlighter() *highlighter {
	l := lexers.Get("postgresql")
	if l == nil {
		l = lexers.Fallback
	}
	return &highlighter{lexer: chroma.Coalesce(l), cache: map[string][]byte{}}
}

// classes returns one token class per rune of line.
func (h *highlighter) classes(line string) []byte {
	if c, ok := h.cache[line]; ok {
		return c
	}
	if len(line) > maxLexLine {
		return make([]byte, runeCount(line)) // all tkText
	}
	out := make([]byte, 0, len(line))
	it, err := h.lexer.Tokenise(nil, line)
	if err == nil {
		for t := it(); t != chroma.EOF; t = it() {
			k := byte(tkText)
			switch t.Type.Category() {
			case chroma.Keyword:
				k = tkKeyword
			case chroma.LiteralString:
				k = tkString
			case chroma.LiteralNumber:
				k = tkNumber
			case chroma.Comment:
				k = tkComment
			case chroma.Operator, chroma.Punctuation:
				k = tkOperator
			}
			if t.Type.Category() == chroma.Literal && t.Type.SubCategory() == chroma.LiteralString {
				k = tkString
			}
			for range []rune(strings.TrimSuffix(t.Value, "\n")) {
				out = append(out, k)
			}
		}
	}
	for len(out) < runeCount(line) {
		out = append(out, tkText)
	}
	if len(h.cache) > maxCachedLines {
		clear(h.cache)
	}
	h.cache[line] = out
	return out
}

// lineClasses colours a line that starts in state st: the part of a
// construct carried in from earlier lines, chroma's tokens for the rest,
// and a construct left open at its end.
func (h *highlighter) lineClasses(line string, st lexState) []byte {
	lx := scanLine(st, line)
	if st.kind == 0 && lx.openAt < 0 {
		return h.classes(line)
	}
	carryEnd, openAt := lx.closeAt, lx.openAt
	if carryEnd < 0 {
		carryEnd = len(line)
	}
	if openAt < 0 {
		openAt = len(line)
	}
	out := make([]byte, 0, len(line))
	out = appendClass(out, constructClass(st), runeCount(line[:carryEnd]))
	if carryEnd < openAt {
		out = append(out, h.classes(line[carryEnd:openAt])...)
	}
	if lx.openAt >= 0 {
		out = appendClass(out, constructClass(lx.end), runeCount(line[lx.openAt:]))
	}
	return out
}

func constructClass(st lexState) byte {
	switch st.kind {
	case 'c':
		return tkComment
	case 'i', 0:
		return tkText
	}
	return tkString
}

func appendClass(out []byte, k byte, n int) []byte {
	for ; n > 0; n-- {
		out = append(out, k)
	}
	return out
}

// View renders the visible lines with a line-number gutter. When focused
// the cursor is drawn, and the bracket matching the one at the cursor is
// marked. errAt, when ≥ 0, marks a byte offset (an error position).
func (e *Editor) View(st EditorStyles, focused bool, errAt int) string {
	gw := len(fmt.Sprint(len(e.lines))) + 1
	textW := max(e.Width-gw-1, 1)
	h := max(e.Height, 1)
	if e.row < e.top {
		e.top = e.row
	}
	if e.row >= e.top+h {
		e.top = e.row - h + 1
	}
	if e.col < e.left {
		e.left = e.col
	}
	if e.col >= e.left+textW {
		e.left = e.col - textW + 1
	}
	marks := map[[2]int]lipgloss.Style{}
	if focused {
		if br, bc, ok := e.matchBracket(); ok {
			marks[[2]int{br, bc}] = st.Bracket
		}
		marks[[2]int{e.row, e.col}] = st.Cursor
	}
	if errAt >= 0 {
		r, c := e.posOf(errAt)
		marks[[2]int{r, c}] = st.ErrorMark
	}
	var out []string
	for i := e.top; i < min(e.top+h, len(e.lines)); i++ {
		num := st.Gutter.Render(fmt.Sprintf("%*d ", gw-1, i+1))
		out = append(out, num+e.renderLine(i, textW, st, marks))
	}
	return strings.Join(out, "\n")
}

func (e *Editor) renderLine(i, w int, st EditorStyles, marks map[[2]int]lipgloss.Style) string {
	runes := []rune(e.lines[i])
	cls := e.hl.lineClasses(e.lines[i], e.entryState(i))
	styles := []lipgloss.Style{st.Text, st.Keyword, st.String, st.Number, st.Comment, st.Operator}
	var b strings.Builder
	end := min(len(runes), e.left+w)
	for c := e.left; c < end; {
		if m, ok := marks[[2]int{i, c}]; ok {
			b.WriteString(m.Render(string(runes[c])))
			c++
			continue
		}
		j := c + 1
		for j < end && cls[j] == cls[c] {
			if _, ok := marks[[2]int{i, j}]; ok {
				break
			}
			j++
		}
		b.WriteString(styles[cls[c]].Render(string(runes[c:j])))
		c = j
	}
	if m, ok := marks[[2]int{i, len(runes)}]; ok && len(runes) >= e.left && len(runes) < e.left+w {
		b.WriteString(m.Render(" "))
	}
	return b.String()
}

// posOf turns a byte offset of Value into a line and rune column.
func (e *Editor) posOf(off int) (int, int) {
	for i, l := range e.lines {
		if off <= len(l) {
			return i, runeCount(l[:max(off, 0)])
		}
		off -= len(l) + 1
	}
	return len(e.lines) - 1, runeCount(e.lines[len(e.lines)-1])
}

// matchBracket finds the bracket matching the one under (or just before)
// the cursor.
func (e *Editor) matchBracket() (int, int, bool) {
	pairs := map[rune]rune{'(': ')', '[': ']', ')': '(', ']': '['}
	r := []rune(e.lines[e.row])
	for _, c := range []int{e.col, e.col - 1} {
		if c < 0 || c >= len(r) {
			continue
		}
		open, ok := pairs[r[c]]
		if !ok {
			continue
		}
		dir := 1
		if r[c] == ')' || r[c] == ']' {
			dir = -1
		}
		return e.scanBracket(e.row, c, r[c], open, dir)
	}
	return 0, 0, false
}

func (e *Editor) scanBracket(row, col int, self, other rune, dir int) (int, int, bool) {
	depth := 0
	for i := row; i >= 0 && i < len(e.lines); i += dir {
		r := []rune(e.lines[i])
		j := len(r) - 1
		if dir > 0 {
			j = 0
		}
		if i == row {
			j = col
		}
		for ; j >= 0 && j < len(r); j += dir {
			switch r[j] {
			case self:
				depth++
			case other:
				depth--
				if depth == 0 {
					return i, j, true
				}
			}
		}
	}
	return 0, 0, false
}
