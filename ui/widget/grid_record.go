package widget

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// RecordView renders the cursor row as psql's \x does: one line per
// column, name then value, starting at line offset.
func (g *Grid) RecordView(st GridStyles, offset int) string {
	if g.Row >= len(g.Rows) {
		return st.Muted.Render("(no rows)")
	}
	nameW := 0
	for _, c := range g.Cols {
		nameW = max(nameW, min(ansi.StringWidth(safetext.Display(c.Name)), maxColWidth))
	}
	lines := []string{st.Muted.Render("-[ RECORD " + itoa(g.Row+1) + " ]")}
	for i, c := range g.Cols {
		v, null := g.Rows[g.Row].Value(i)
		text := safetext.Display(head64k(v))
		if null {
			text = st.Null.Render(nullMark)
		}
		style := st.Header
		if i == g.Col {
			style = st.Cursor
		}
		lines = append(lines, style.Render(pad(clip(safetext.Display(c.Name), nameW), nameW, false))+" │ "+text)
	}
	offset = clamp(offset, 0, max(len(lines)-g.Height, 0))
	lines = lines[offset:min(len(lines), offset+g.Height)]
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, g.Width, "…")
	}
	return strings.Join(lines, "\n")
}

// Inspect returns a value laid out for reading in full: JSON pretty
// printed, control characters other than newlines escaped, and wrapped
// to width.
func Inspect(value string, null bool, width int) []string {
	if null {
		return []string{"NULL"}
	}
	t := strings.TrimSpace(value)
	if (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) && json.Valid([]byte(t)) {
		var buf bytes.Buffer
		if json.Indent(&buf, []byte(t), "", "  ") == nil {
			value = buf.String()
		}
	}
	var out []string
	for _, line := range strings.Split(value, "\n") {
		line = safetext.Display(strings.TrimSuffix(line, "\r"))
		if width <= 0 || ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		out = append(out, strings.Split(ansi.Hardwrap(line, width, false), "\n")...)
	}
	return out
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}
