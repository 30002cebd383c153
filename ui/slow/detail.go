package slow

import (
	"fmt"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// detailLines renders the selected statement's text and every figure
// pg_stat_statements keeps for it.
func (m *Model) detailLines() []string {
	st := m.styles
	s, ok := m.selected()
	if !ok {
		return []string{st.Muted.Render("no statement selected")}
	}
	x := m.hist[s.Key()]
	id := "hidden"
	if s.QueryID != nil {
		id = fmt.Sprint(int64(*s.QueryID))
	}
	level := ""
	if s.TopLevel != nil && !*s.TopLevel {
		level = ", nested (inside a function)"
	}
	lines := []string{st.Title.Render("Query "+id) + st.Muted.Render(fmt.Sprintf(" · user oid %d%s · esc: back · p: generic plan", s.UserID, level)), ""}
	text := "(hidden: another role's statement; needs superuser or pg_read_all_stats)"
	if !s.Hidden() {
		text = s.Query
		// Only what fits is lexed, so a huge statement costs a screenful.
		if limit := max(m.width*m.height, 256); len(text) > limit {
			text = text[:limit] + "…"
		}
	}
	body := m.highlighted(text, m.width, max(m.height/2-4, 1))
	if len(text) > 0 && len(body) == 0 {
		body = []string{safetext.Display(text)}
	}
	lines = append(lines, body...)
	lines = append(lines, "")
	label := func(l, v string) string { return st.Muted.Render(fmt.Sprintf("%-12s", l)) + " " + v }
	perCall := 0.0
	if s.Calls > 0 {
		perCall = float64(s.Rows) / float64(s.Calls)
	}
	slow := "no"
	if m.slow.Slow(s) {
		slow = st.Warning.Render("! yes")
	}
	lines = append(lines,
		label("calls", fmt.Sprintf("%d · rows %d (%.1f per call)", s.Calls, s.Rows, perCall)),
		label("time", fmt.Sprintf("total %s · mean %s · min %s · max %s · stddev %s", ms(s.TotalMs), ms(s.MeanMs), ms(s.MinMs), ms(s.MaxMs), ms(s.StddevMs))),
		label("slow", fmt.Sprintf("%s (%s)", slow, m.slow)),
		label("planning", planning(s)),
		label("cache hit", cacheHit(s)),
		label("I/O time", fmt.Sprintf("read %s · write %s (zero unless track_io_timing is on)", ms(s.BlkReadMs), ms(s.BlkWriteMs))),
		label("temp blocks", fmt.Sprintf("read %d · written %d", s.TempBlksRead, s.TempBlksWritten)),
		label("WAL", wal(s)),
	)
	now := "rates after the second sample"
	if c, t, ok := x.now(); ok {
		now = fmt.Sprintf("%s calls/s · %s/s  %s", count(round1(c)), ms(t), widget.Sparkline(x.timeRate, min(keepSamples, max(m.width-40, 1))))
	}
	lines = append(lines, label("now", now))
	return lines
}

func planning(s db.QueryStat) string {
	if s.Plans == nil || s.PlanMs == nil {
		return "not kept by this server version"
	}
	if *s.Plans == 0 {
		return "not tracked (pg_stat_statements.track_planning is off) or never planned"
	}
	return fmt.Sprintf("%d plans · total %s · mean %s", *s.Plans, ms(*s.PlanMs), ms(*s.PlanMs/float64(*s.Plans)))
}

func cacheHit(s db.QueryStat) string {
	r := s.HitRatio()
	if r == nil {
		return "no shared blocks touched"
	}
	return fmt.Sprintf("%.2f%% (%d blocks hit, %d read)", *r*100, s.SharedBlksHit, s.SharedBlksRead)
}

func wal(s db.QueryStat) string {
	if s.WALRecords == nil {
		return "not kept by this server version"
	}
	b := int64(0)
	if s.WALBytes != nil {
		b = *s.WALBytes
	}
	fpi := int64(0)
	if s.WALFPI != nil {
		fpi = *s.WALFPI
	}
	return fmt.Sprintf("%d records · %d full-page images · %s", *s.WALRecords, fpi, bytes(b))
}
