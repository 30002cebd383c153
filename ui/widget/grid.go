package widget

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// GridColumn is a result column as the grid shows it.
type GridColumn struct {
	Name string
	Type string
	// Right aligns values right (numbers), as psql does.
	Right bool
}

// GridStyles are the styles the grid draws with.
type GridStyles struct {
	Header, Null, Cursor, CursorRow, Muted lipgloss.Style
}

// Grid is a scrollable results table. Only the visible rows and columns
// are rendered, so a frame costs the same at row 10 and row 1,000,000.
type Grid struct {
	Cols   []GridColumn
	Rows   []Row
	widths []int
	// sized is how many rows the widths have been measured over.
	sized int

	Row, Col      int // cursor
	top, left     int // first visible row and column
	Width, Height int
	// Bytes is the memory the rows hold, approximately.
	Bytes int64
}

// widthSample bounds how many rows column widths are measured over, and
// maxColWidth how wide a column may get before values are cut.
const (
	widthSample = 1000
	maxColWidth = 40
	nullMark    = "∅"
)

// NewGrid returns an empty grid for cols.
func NewGrid(cols []GridColumn) *Grid {
	g := &Grid{Cols: cols, widths: make([]int, len(cols))}
	for i, c := range cols {
		g.widths[i] = min(max(ansi.StringWidth(safetext.Display(c.Name)), 1), maxColWidth)
	}
	return g
}

// Append adds rows and widens columns to fit the first rows seen.
func (g *Grid) Append(rows []Row) {
	for _, r := range rows {
		g.Bytes += int64(r.Size())
		if g.sized < widthSample {
			g.sized++
			for i := 0; i < r.Len() && i < len(g.widths); i++ {
				v, null := r.Value(i)
				w := len(nullMark)
				if !null {
					w = cellWidth(v)
				}
				g.widths[i] = min(max(g.widths[i], w), maxColWidth)
			}
		}
	}
	g.Rows = append(g.Rows, rows...)
}

// cellWidth measures a value without escaping all of a huge one.
func cellWidth(v string) int {
	if len(v) > 4*maxColWidth {
		v = v[:4*maxColWidth]
	}
	return ansi.StringWidth(safetext.Display(v))
}

// Move moves the cursor by rows and columns, clamped to the data.
func (g *Grid) Move(dr, dc int) {
	g.Row = clamp(g.Row+dr, 0, len(g.Rows)-1)
	g.Col = clamp(g.Col+dc, 0, len(g.Cols)-1)
}

// GoTo puts the cursor on row r.
func (g *Grid) GoTo(r int) { g.Row = clamp(r, 0, len(g.Rows)-1) }

// Page is how many rows one screen holds.
func (g *Grid) Page() int { return max(g.Height-2, 1) }

// Cell returns the value under the cursor.
func (g *Grid) Cell() (col GridColumn, value string, null, ok bool) {
	if g.Row >= len(g.Rows) || g.Col >= len(g.Cols) || g.Row < 0 || g.Col < 0 {
		return GridColumn{}, "", false, false
	}
	v, n := g.Rows[g.Row].Value(g.Col)
	return g.Cols[g.Col], v, n, true
}

func clamp(v, lo, hi int) int {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

// scroll keeps the cursor visible.
func (g *Grid) scroll() {
	page := g.Page()
	if g.Row < g.top {
		g.top = g.Row
	}
	if g.Row >= g.top+page {
		g.top = g.Row - page + 1
	}
	g.top = clamp(g.top, 0, max(len(g.Rows)-page, 0))
	if g.Col < g.left {
		g.left = g.Col
	}
	for g.left < g.Col && g.span(g.left, g.Col) > g.Width {
		g.left++
	}
}

// span is the width columns from..to take with separators.
func (g *Grid) span(from, to int) int {
	w := 0
	for i := from; i <= to && i < len(g.widths); i++ {
		w += g.widths[i] + 3
	}
	return w
}

// View renders the visible part: a frozen header, a rule and the rows.
func (g *Grid) View(st GridStyles) string {
	g.scroll()
	if len(g.Cols) == 0 {
		return st.Muted.Render("(no columns)")
	}
	var lines []string
	var head, rule strings.Builder
	last := g.left
	for i, w := g.left, 0; i < len(g.Cols) && w < g.Width; i++ {
		head.WriteString(st.Header.Render(" " + pad(safetext.Display(g.Cols[i].Name), g.widths[i], false) + " "))
		head.WriteString("│")
		rule.WriteString(strings.Repeat("─", g.widths[i]+2) + "┼")
		w += g.widths[i] + 3
		last = i
	}
	lines = append(lines, head.String(), rule.String())
	end := min(g.top+g.Page(), len(g.Rows))
	for r := g.top; r < end; r++ {
		var b strings.Builder
		for c := g.left; c <= last; c++ {
			v, null := g.Rows[r].Value(c)
			var text string
			if null {
				text = st.Null.Render(pad(nullMark, g.widths[c], g.Cols[c].Right))
			} else {
				text = pad(clip(safetext.Display(head64k(v)), g.widths[c]), g.widths[c], g.Cols[c].Right)
			}
			cell := " " + text + " "
			switch {
			case r == g.Row && c == g.Col:
				cell = st.Cursor.Render(cell)
			case r == g.Row:
				cell = st.CursorRow.Render(cell)
			}
			b.WriteString(cell + "│")
		}
		lines = append(lines, b.String())
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, g.Width, "")
	}
	return strings.Join(lines, "\n")
}

// head64k keeps rendering cheap for huge values: only the start shows.
func head64k(v string) string {
	if len(v) > 1024 {
		return v[:1024]
	}
	return v
}

func clip(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

func pad(s string, w int, right bool) string {
	n := w - ansi.StringWidth(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}
