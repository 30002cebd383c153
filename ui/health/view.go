package health

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// badge shows a status with characters as well as colour.
func (m *Model) badge(s db.Status) string {
	switch s {
	case db.Critical:
		return m.styles.Error.Render("[✗ critical]")
	case db.Degraded:
		return m.styles.Warning.Render("[! degraded]")
	}
	return m.styles.OK.Render("[✓ healthy ]")
}

// growth words how the database size changed since the pane's first
// reading, the stand-in for disk usage.
func (m *Model) growth() string {
	if m.first == nil {
		return ""
	}
	d := m.size.bytes - m.first.bytes
	since := m.size.at.Sub(m.first.at)
	if since <= 0 {
		return fmt.Sprintf("database size %s; growth shown from the next check", bytes(m.size.bytes))
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("database size %s, growth %s%s in %v", bytes(m.size.bytes), sign, bytes(d), since.Round(time.Second))
}

// lines renders every line of the pane; View shows the scrolled window.
func (m *Model) lines() []string {
	st := m.styles
	if m.health == nil {
		if m.err != nil {
			return []string{st.Title.Render("Health"), st.Error.Render("Could not run the health checks: ") + safetext.Display(m.err.Error())}
		}
		return []string{st.Title.Render("Health"), st.Muted.Render("Loading…")}
	}
	h := m.health
	refresh := fmt.Sprintf("checked every %v while focused", RefreshEvery)
	out := []string{
		st.Title.Render("Health") + " " + m.badge(h.Worst()) + st.Muted.Render(fmt.Sprintf(" · %d checks · read at %s · %s", len(h.Checks), h.ReadAt.Format(time.TimeOnly), refresh)),
		st.Muted.Render("Disk usage cannot be read over SQL (watch it on the host): ") + m.growth(),
	}
	if m.err != nil {
		out = append(out, st.Error.Render("last check failed: ")+safetext.Display(m.err.Error()))
	}
	out = append(out, "")
	for _, c := range h.Checks {
		out = append(out, m.badge(c.Status)+" "+st.Bold.Render(fmt.Sprintf("%-27s", c.Check))+" "+safetext.Display(c.Value))
		detail := "thresholds: " + c.Threshold
		if c.Action != "" {
			detail += " · action: " + c.Action
		}
		for _, l := range strings.Split(ansi.Wrap(safetext.Display(detail), max(m.width-13, 10), ""), "\n") {
			out = append(out, strings.Repeat(" ", 13)+st.Muted.Render(l))
		}
	}
	for _, n := range h.Notes {
		out = append(out, "", st.Muted.Render("note: "+n))
	}
	return out
}

// View implements pane.Pane.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := m.lines()
	top := min(m.top, max(len(lines)-m.height, 0))
	lines = lines[top:]
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

// bytes renders a size in binary units.
func bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, u := float64(n)/unit, 0
	for v >= unit && u < 4 {
		v /= unit
		u++
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTP"[u])
}
