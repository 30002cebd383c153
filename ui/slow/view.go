package slow

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// column is one figure of the list. sort is the index in sorts it shows,
// or -1; optional columns appear on wide terminals or when sorted by.
type column struct {
	name     string
	width    int
	sort     int
	optional bool
	cell     func(db.QueryStat, *series) string
}

const sparkWidth = 12

var columns = []column{
	{"TOTAL", 8, 0, false, func(s db.QueryStat, _ *series) string { return ms(s.TotalMs) }},
	{"MEAN", 8, 1, false, func(s db.QueryStat, _ *series) string { return ms(s.MeanMs) }},
	{"CALLS", 7, 2, false, func(s db.QueryStat, _ *series) string { return count(float64(s.Calls)) }},
	{"ROWS", 7, 3, true, func(s db.QueryStat, _ *series) string { return count(float64(s.Rows)) }},
	{"READ", 7, 4, true, func(s db.QueryStat, _ *series) string { return count(float64(s.SharedBlksRead)) }},
	{"TEMP", 7, 5, true, func(s db.QueryStat, _ *series) string {
		return count(float64(s.TempBlksRead + s.TempBlksWritten))
	}},
	{"PLAN", 8, 6, true, func(s db.QueryStat, _ *series) string {
		if s.PlanMs == nil {
			return "—"
		}
		return ms(*s.PlanMs)
	}},
	{"CALLS/S", 7, -1, false, func(_ db.QueryStat, x *series) string {
		c, _, ok := x.now()
		if !ok {
			return "—"
		}
		return count(round1(c))
	}},
	{"TIME/S", 8, 7, false, func(_ db.QueryStat, x *series) string {
		_, t, ok := x.now()
		if !ok {
			return "—"
		}
		return ms(t)
	}},
	{"TREND", sparkWidth, -1, false, func(_ db.QueryStat, x *series) string {
		if x == nil {
			return ""
		}
		return widget.Sparkline(x.timeRate, sparkWidth)
	}},
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

// visibleColumns picks the columns that fit the width.
func (m *Model) visibleColumns() []column {
	out := make([]column, 0, len(columns))
	for _, c := range columns {
		if !c.optional || m.width >= 150 || c.sort == m.sortBy {
			out = append(out, c)
		}
	}
	return out
}

// headerLines are the lines above the column header.
func (m *Model) headerLines() []string {
	st := m.styles
	dir := "▼"
	if m.reverse {
		dir = "▲"
	}
	sampling := "paused (pane not focused)"
	if m.focused {
		sampling = fmt.Sprintf("sampling every %v", SampleEvery)
	}
	if m.samples < 2 {
		sampling += ", rates after the second sample"
	} else {
		sampling += fmt.Sprintf(", %d samples", m.samples)
	}
	since := "statistics since the last reset"
	if m.resetAt != nil {
		since = "statistics since " + m.resetAt.Local().Format(time.DateTime)
	}
	lines := []string{
		st.Title.Render("Slow queries") + st.Muted.Render(fmt.Sprintf(" · %d statements%s · sorted by %s %s · %s · %s", len(m.idx), m.ownNote(), sorts[m.sortBy].name, dir, sampling, since)),
		st.Warning.Render("!") + st.Muted.Render(fmt.Sprintf(" slow: %s%s", m.slow, pgHeroNote(m.slow))),
	}
	for _, n := range m.notes {
		lines = append(lines, st.Muted.Render("note: "+n))
	}
	if m.err != nil {
		lines = append(lines, st.Error.Render("last sample failed: ")+safetext.Display(m.err.Error()))
	}
	return lines
}

// previewLines is how many lines the selected statement's text gets
// below the list.
func (m *Model) previewLines() int {
	if m.height < 14 {
		return 0
	}
	return 4
}

// listHeight is how many statements fit on screen.
func (m *Model) listHeight() int {
	return m.height - len(m.headerLines()) - 1 - m.previewLines()
}

// View implements pane.Pane.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.styles
	switch {
	case m.advice != "":
		lines := []string{st.Title.Render("Slow queries"), ""}
		for _, l := range strings.Split(m.advice, "\n") {
			lines = append(lines, safetext.Display(l))
		}
		lines = append(lines, "", st.Muted.Render(fmt.Sprintf("Checked again every %v while this pane is open; r checks now.", SampleEvery)))
		return fit(lines, m.width, m.height)
	case !m.loaded && m.err != nil:
		return fit([]string{st.Title.Render("Slow queries"), st.Error.Render("Could not read pg_stat_statements: ") + safetext.Display(m.err.Error())}, m.width, m.height)
	case !m.loaded:
		return fit([]string{st.Title.Render("Slow queries"), st.Muted.Render("Loading…")}, m.width, m.height)
	case m.detail:
		return fit(m.detailLines(), m.width, m.height)
	}
	return fit(m.listLines(), m.width, m.height)
}

// listLines renders the header, the visible rows only, and the preview.
func (m *Model) listLines() []string {
	st := m.styles
	cols := m.visibleColumns()
	lines := m.headerLines()
	var hb strings.Builder
	hb.WriteString("  ")
	for _, c := range cols {
		name := c.name
		if c.sort == m.sortBy {
			name += map[bool]string{false: "▼", true: "▲"}[m.reverse]
		}
		hb.WriteString(pad(name, c.width, c.name != "TREND") + " ")
	}
	hb.WriteString("QUERY")
	lines = append(lines, st.Bold.Render(hb.String()))
	fixed := 2
	for _, c := range cols {
		fixed += c.width + 1
	}
	qw := max(m.width-fixed, 8)
	h := max(m.listHeight(), 0)
	if len(m.idx) == 0 {
		lines = append(lines, st.Muted.Render("  no statements recorded in this database yet"))
	}
	for i := m.top; i < len(m.idx) && i < m.top+h; i++ {
		s := m.stats[m.idx[i]]
		x := m.hist[s.Key()]
		var b strings.Builder
		mark := "  "
		if m.slow.Slow(s) {
			mark = "! "
		}
		b.WriteString(mark)
		for _, c := range cols {
			b.WriteString(pad(c.cell(s, x), c.width, c.name != "TREND") + " ")
		}
		q := "(hidden: another role's statement)"
		if !s.Hidden() {
			q = oneLine(s.Query, qw*4)
		}
		b.WriteString(ansi.Truncate(q, qw, "…"))
		line := b.String()
		switch {
		case i == m.sel:
			line = st.Selected.Render(pad(line, m.width, false))
		case m.slow.Slow(s):
			line = st.Warning.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < m.height-m.previewLines() {
		lines = append(lines, "")
	}
	if n := m.previewLines(); n > 0 {
		if s, ok := m.selected(); ok && !s.Hidden() {
			lines = append(lines, st.Muted.Render(strings.Repeat("─", m.width)))
			lines = append(lines, m.highlighted(oneLine(s.Query, m.width*n*2), m.width, n-1)...)
		}
	}
	return lines
}

// highlighted colours SQL with chroma and wraps it to at most n lines.
func (m *Model) highlighted(sql string, w, n int) []string {
	st := m.styles
	styles := widget.SQLBlockStyles{Keyword: st.Key, String: st.OK, Number: st.Info, Comment: st.Muted, Name: lipgloss.NewStyle()}
	var out []string
	for _, l := range widget.HighlightSQLBlock(sql, styles) {
		out = append(out, strings.Split(ansi.Wrap(l, max(w, 1), ""), "\n")...)
		if len(out) >= n {
			return out[:n]
		}
	}
	return out
}

// ownNote says how many of pgdeck's own statements the list leaves out.
func (m *Model) ownNote() string {
	if m.hiddenOwn == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of pgdeck's own hidden: o shows them)", m.hiddenOwn)
}

// pgHeroNote credits PgHero when the default threshold is in use.
func pgHeroNote(t Threshold) string {
	if t == DefaultThreshold {
		return " (PgHero)"
	}
	return " (from the config file)"
}
