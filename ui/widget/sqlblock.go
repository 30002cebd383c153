package widget

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// SQLBlockStyles colour a block of SQL by token class.
type SQLBlockStyles struct {
	Keyword, String, Number, Comment, Name lipgloss.Style
}

// HighlightSQLBlock lexes src as a whole with chroma's PostgreSQL lexer
// (so multi-line comments and dollar quotes are coloured right) and
// returns it styled, one string per line. Control characters inside the
// text are shown escaped, never written raw.
func HighlightSQLBlock(src string, st SQLBlockStyles) []string {
	l := lexers.Get("postgresql")
	if l == nil {
		l = lexers.Fallback
	}
	it, err := chroma.Coalesce(l).Tokenise(nil, src)
	if err != nil {
		return strings.Split(safetext.Block(src), "\n")
	}
	lines := []string{""}
	for t := it(); t != chroma.EOF; t = it() {
		style, plain := styleFor(t.Type, st)
		for i, part := range strings.Split(t.Value, "\n") {
			if i > 0 {
				lines = append(lines, "")
			}
			if part == "" {
				continue
			}
			part = safetext.Display(part)
			if !plain {
				part = style.Render(part)
			}
			lines[len(lines)-1] += part
		}
	}
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func styleFor(t chroma.TokenType, st SQLBlockStyles) (lipgloss.Style, bool) {
	switch {
	case t.InCategory(chroma.Keyword):
		return st.Keyword, false
	case t.InSubCategory(chroma.LiteralString) || t == chroma.LiteralStringSingle:
		return st.String, false
	case t.InSubCategory(chroma.LiteralNumber):
		return st.Number, false
	case t.InCategory(chroma.Comment):
		return st.Comment, false
	case t.InCategory(chroma.Name) && t != chroma.Name:
		return st.Name, false
	}
	return lipgloss.Style{}, true
}
