package slow

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/report"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// synthetic builds a pane holding n statements and two samples, without
// a database: the frame cost is what is measured.
func synthetic(n int) *Model {
	m := New(nil, theme.NewStyles(true, false), DefaultKeyMap(), time.Second)
	m.SetSize(200, 50)
	stats := make([]db.QueryStat, n)
	for i := range stats {
		id := report.ID64(i + 1)
		stats[i] = db.QueryStat{QueryID: &id, UserID: 10, Calls: int64(1000 + i), TotalMs: float64(i) * 3.5, MeanMs: float64(i%50) + 0.5,
			Rows: int64(i), SharedBlksHit: 100, SharedBlksRead: int64(i % 7),
			Query: fmt.Sprintf("SELECT a, b, c\n  FROM table_%d t JOIN other o ON o.id = t.other_id\n WHERE t.x = $1 AND o.y > $2 ORDER BY a LIMIT $3", i)}
	}
	at := time.Now()
	m.hist = advance(m.hist, stats, at)
	for i := range stats {
		stats[i].Calls += int64(i % 13)
		stats[i].TotalMs += float64(i % 17)
	}
	m.hist = advance(m.hist, stats, at.Add(SampleEvery))
	m.stats, m.loaded, m.samples = stats, true, 2
	m.resort()
	return m
}

func TestSyntheticFrame(t *testing.T) {
	m := synthetic(5000)
	top := 0
	for i, s := range m.stats {
		if s.TotalMs > m.stats[top].TotalMs {
			top = i
		}
	}
	v := ansi.Strip(m.View())
	if lines := strings.Split(v, "\n"); len(lines) != 50 || !strings.Contains(v, "5000 statements") || !strings.Contains(lines[3], fmt.Sprintf("table_%d ", top)) {
		t.Fatalf("frame:\n%s", v)
	}
}

// BenchmarkFrame5000 renders one frame of the pane holding 5,000
// statements (target ≤ 10 ms).
func BenchmarkFrame5000(b *testing.B) {
	m := synthetic(5000)
	for b.Loop() {
		_ = m.View()
	}
}
