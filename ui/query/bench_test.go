package query

import (
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/ui/pane"
)

// BenchmarkFirstRows measures the time from pressing run on a
// 1,000,000-row query to the first rows being in the grid.
func BenchmarkFirstRows(b *testing.B) {
	m := newPane(b, false, "")
	for b.Loop() {
		m.Editor().SetValue("select g, md5(g::text), g * 1.5 from generate_series(1, 1000000) g")
		start := time.Now()
		_, cmd := m.Update(pane.RefreshMsg{})
		for len(m.sets) == 0 || len(m.grid().Rows) == 0 {
			env := cmd().(pane.Envelope)
			_, cmd = m.Update(env)
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-to-first-rows")
		m.Update(pane.CancelMsg{})
		drain(b, m, cmd)
	}
}

// BenchmarkHold100k reports the heap the pane holds for a 100,000-row ×
// 10-column result.
func BenchmarkHold100k(b *testing.B) {
	m := newPane(b, false, "")
	for b.Loop() {
		m.sets = nil
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m.Editor().SetValue(`select g, g::text || 'x', md5(g::text), now(), g * 1.25, array[g, g], 'label ' || g,
			g % 2 = 0, jsonb_build_object('k', g), null::text from generate_series(1, 100000) g`)
		_, cmd := m.Update(pane.RefreshMsg{})
		drain(b, m, cmd)
		runtime.GC()
		runtime.ReadMemStats(&after)
		if len(m.grid().Rows) != 100000 {
			b.Fatalf("rows %d", len(m.grid().Rows))
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-held")
	}
}

// BenchmarkCancel measures cancel of select pg_sleep(60) until the pane
// is idle again.
func BenchmarkCancel(b *testing.B) {
	m := newPane(b, false, "")
	for b.Loop() {
		m.Editor().SetValue("select pg_sleep(60)")
		_, cmd := m.Update(pane.RefreshMsg{})
		time.Sleep(200 * time.Millisecond)
		start := time.Now()
		m.Update(pane.CancelMsg{})
		drain(b, m, cmd)
		if m.Busy() {
			b.Fatal("still busy")
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-to-idle")
	}
}

// BenchmarkPaste1MB measures a 1 MB bracketed paste and the frame after
// it, then a key typed and its frame.
func BenchmarkPaste1MB(b *testing.B) {
	m := newPane(b, false, "")
	script := bigScript(1 << 20)
	for b.Loop() {
		m.Editor().SetValue("")
		m.Update(tea.PasteMsg{Content: script})
		_ = m.View()
		m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		_ = m.View()
	}
}

// BenchmarkKeyAfterPaste is one key and its frame in a 1 MB buffer.
func BenchmarkKeyAfterPaste(b *testing.B) {
	m := newPane(b, false, "")
	m.Update(tea.PasteMsg{Content: bigScript(1 << 20)})
	_ = m.View()
	for b.Loop() {
		m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		_ = m.View()
	}
}
