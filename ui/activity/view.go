package activity

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// Markers say with a character what the colour says, for NO_COLOR.
const (
	markLong    = "!"
	markIdleTx  = "~"
	markWaiting = "⊘"
)

// describe names a backend in a confirmation question.
func describe(b db.Backend) string {
	parts := []string{}
	if b.User != "" {
		parts = append(parts, "user "+safetext.Display(b.User))
	}
	if b.State != "" {
		parts = append(parts, safetext.Display(b.State))
	}
	if q := oneLine(b.Query, 60); q != "" {
		parts = append(parts, q)
	}
	if len(parts) == 0 {
		return "no details visible"
	}
	return strings.Join(parts, ", ")
}

// oneLine folds whitespace, escapes control characters and cuts to n
// cells, reading a bounded prefix of a huge text.
func oneLine(s string, n int) string {
	if len(s) > 4*n+16 {
		s = s[:4*n+16]
	}
	return ansi.Truncate(safetext.Display(strings.Join(strings.Fields(s), " ")), n, "…")
}

func (m *Model) headerLines() []string {
	st := m.styles
	refresh := fmt.Sprintf("refresh every %v", RefreshEvery)
	switch {
	case m.paused:
		refresh = "refresh paused (space resumes)"
	case !m.focused:
		refresh += " while focused"
	}
	waiting, long, idle := 0, 0, 0
	for _, r := range m.rows {
		if len(r.BlockedBy) > 0 {
			waiting++
		}
		if r.LongRunning() {
			long++
		}
		if r.IdleInTransaction() {
			idle++
		}
	}
	read := ""
	if !m.readAt.IsZero() {
		read = " · read at " + m.readAt.Format(time.TimeOnly)
	}
	lines := []string{
		st.Title.Render("Activity") + st.Muted.Render(fmt.Sprintf(" · %d backends · %d waiting on a lock · %s%s", len(m.rows), waiting, refresh, read)),
		st.Error.Render(markLong) + st.Muted.Render(fmt.Sprintf(" long-running (≥ %d s): %d · ", db.LongRunningMs/1000, long)) +
			st.Warning.Render(markIdleTx) + st.Muted.Render(fmt.Sprintf(" idle in transaction: %d · ", idle)) +
			st.SeqScan.Render(markWaiting) + st.Muted.Render(" waiting, shown under its blocker"),
	}
	for _, n := range m.notes {
		lines = append(lines, st.Muted.Render("note: "+n))
	}
	if m.err != nil {
		lines = append(lines, st.Error.Render("last refresh failed: ")+safetext.Display(m.err.Error()))
	}
	return lines
}

func (m *Model) panelLines() int {
	if m.height < 14 {
		return 0
	}
	return 4
}

func (m *Model) listHeight() int {
	return m.height - len(m.headerLines()) - 1 - m.panelLines()
}

// View implements pane.Pane.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.styles
	if !m.loaded {
		if m.err != nil {
			return fit([]string{st.Title.Render("Activity"), st.Error.Render("Could not read pg_stat_activity: ") + safetext.Display(m.err.Error())}, m.width, m.height)
		}
		return fit([]string{st.Title.Render("Activity"), st.Muted.Render("Loading…")}, m.width, m.height)
	}
	lines := m.headerLines()
	lines = append(lines, st.Bold.Render(fmt.Sprintf("  %-14s %-10s %-12s %-20s %-20s %8s %8s %-12s %s", "PID", "USER", "DATABASE", "STATE", "WAIT", "QUERY", "XACT", "BLOCKED BY", "QUERY TEXT")))
	for i := m.top; i < len(m.rows) && i < m.top+max(m.listHeight(), 0); i++ {
		lines = append(lines, m.row(i))
	}
	if n := m.panelLines(); n > 0 {
		for len(lines) < m.height-n {
			lines = append(lines, "")
		}
		lines = append(lines, m.panel()...)
	}
	return fit(lines, m.width, m.height)
}

func (m *Model) row(i int) string {
	st := m.styles
	r := m.rows[i]
	mark, style := " ", st.Muted
	switch {
	case r.LongRunning():
		mark, style = markLong, st.Error
	case r.IdleInTransaction():
		mark, style = markIdleTx, st.Warning
	case len(r.BlockedBy) > 0:
		mark, style = markWaiting, st.SeqScan
	}
	pid := fmt.Sprint(r.PID)
	if r.Depth > 0 {
		pid = strings.Repeat("  ", r.Depth-1) + "└ " + pid
	}
	wait := r.WaitEventType
	if r.WaitEvent != "" {
		wait += ":" + r.WaitEvent
	}
	state := r.State
	if state == "" && r.BackendType != "client backend" {
		state = "(" + r.BackendType + ")" // a server process, not a session
	}
	if r.Hidden {
		state = "(hidden)"
	}
	blocked := ""
	for j, p := range r.BlockedBy {
		if j > 0 {
			blocked += ","
		}
		blocked += fmt.Sprint(p)
	}
	fixed := 2 + 15 + 11 + 13 + 21 + 21 + 9 + 9 + 13
	line := fmt.Sprintf("%s %-14s %-10s %-12s %-20s %-20s %8s %8s %-12s %s", mark, cut(pid, 14), cut(r.User, 10), cut(r.Database, 12), cut(state, 20), cut(wait, 20),
		dur(r.QueryMs), dur(r.XactMs), cut(blocked, 12), oneLine(r.Query, max(m.width-fixed, 8)))
	switch {
	case i == m.sel:
		return st.Selected.Render(line)
	case mark != " ":
		return style.Render(line)
	}
	return line
}

// panel shows the selected backend's whole query and connection.
func (m *Model) panel() []string {
	st := m.styles
	lines := []string{st.Muted.Render(strings.Repeat("─", m.width))}
	if m.sel >= len(m.rows) {
		return lines
	}
	b := m.rows[m.sel]
	parts := []string{fmt.Sprintf("pid %d", b.PID)}
	for _, f := range [][2]string{{"", b.BackendType}, {"client ", b.Client}, {"application ", b.Application}, {"in this state for ", dur(b.StateMs)}} {
		if f[1] != "" {
			parts = append(parts, f[0]+safetext.Display(f[1]))
		}
	}
	if len(b.BlockedBy) > 0 {
		parts = append(parts, fmt.Sprintf("waits for %v", b.BlockedBy))
	}
	lines = append(lines, st.Muted.Render(strings.Join(parts, " · ")))
	q := b.Query
	if len(q) > 4*m.width {
		q = q[:4*m.width] // a cut rune is shown escaped below, never raw
	}
	q = safetext.Display(strings.Join(strings.Fields(q), " "))
	wrapped := strings.Split(ansi.Wrap(q, max(m.width, 1), ""), "\n")
	return append(lines, wrapped[:min(len(wrapped), 2)]...)
}

// cut escapes and fits a field to n cells.
func cut(s string, n int) string { return ansi.Truncate(safetext.Display(s), n, "…") }

// dur renders milliseconds as a short duration, or "" when unknown.
func dur(ms *float64) string {
	if ms == nil {
		return ""
	}
	d := time.Duration(*ms * float64(time.Millisecond))
	switch {
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// fit cuts lines to the pane's rectangle and pads it to the full height.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}
