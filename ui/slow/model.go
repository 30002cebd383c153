// Package slow is the Slow queries pane: pg_stat_statements sorted by the
// figure the user picks, sampled while the pane has focus so each
// statement shows what it costs now (calls/s, time/s, a sparkline), with
// a detail view, the generic plan one key away, and a confirmed reset.
package slow

import (
	"context"
	"errors"
	"maps"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// Model is the Slow queries pane.
type Model struct {
	d       *db.DB
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	focused       bool
	seq           uint64
	loading       bool
	loaded        bool
	// advice replaces the list when pg_stat_statements cannot be read.
	advice string
	err    error
	notes  []string

	stats []db.QueryStat
	texts map[int64]string
	hist  map[string]*series
	idx   []int // stats in display order
	// slow is when a statement is highlighted as slow.
	slow Threshold
	// showOwn lists pgdeck's own diagnostic statements too; hiddenOwn
	// counts those left out.
	showOwn   bool
	hiddenOwn int
	samples   int
	readAt    time.Time
	resetAt   *time.Time

	sortBy  int
	reverse bool
	sel     int
	selKey  string
	top     int
	detail  bool
}

// loadedMsg is one sample.
type loadedMsg struct {
	stats   []db.QueryStat
	texts   map[int64]string
	at      time.Time
	resetAt *time.Time
	advice  string
	err     error
}

// tickMsg asks for the next sample.
type tickMsg struct{}

// resetAction is the confirm action for a statistics reset.
type resetAction struct{}

// resetMsg reports the reset's outcome.
type resetMsg struct{ err error }

// New builds the pane. timeout bounds each sample.
func New(d *db.DB, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	m := &Model{d: d, styles: styles, keys: keys, timeout: timeout, texts: map[int64]string{}, hist: map[string]*series{}, slow: DefaultThreshold}
	if d != nil && !d.Info.SeesAllStats() {
		m.notes = append(m.notes, "other roles' statements show no text or id: that needs superuser or pg_read_all_stats")
	}
	return m
}

// WithThreshold sets when a statement is highlighted as slow (the config
// file's [slow] section); zero fields keep the default.
func (m *Model) WithThreshold(t Threshold) *Model {
	if t.MeanMs > 0 {
		m.slow.MeanMs = t.MeanMs
	}
	if t.MinCalls > 0 {
		m.slow.MinCalls = t.MinCalls
	}
	return m
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Slow }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Slow queries" }

// Init loads a first sample so the list is ready when the pane opens.
func (m *Model) Init() tea.Cmd { return m.fetch() }

// fetch samples pg_stat_statements. The command gets a copy of the text
// cache and returns it filled, so texts are fetched once per queryid and
// no map is shared between goroutines.
func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	d, timeout, texts, wantReset := m.d, m.timeout, maps.Clone(m.texts), !m.loaded
	return pane.Run(pane.Slow, m.seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return sample(ctx, d, texts, wantReset)
	})
}

// sample reads one sample; a missing or unloaded extension comes back
// as advice, not as an error.
func sample(ctx context.Context, d *db.DB, texts map[int64]string, wantReset bool) loadedMsg {
	stats, err := d.QueryStats(ctx)
	at := time.Now()
	if errors.Is(err, db.ErrNoPGSS) {
		st, serr := d.PGSSStatus(ctx)
		if serr != nil {
			return loadedMsg{err: serr}
		}
		a := st.Advice(d.Info.Database)
		if a == "" {
			a = "pg_stat_statements cannot be read yet: " + err.Error()
		}
		return loadedMsg{advice: a}
	}
	if err != nil {
		return loadedMsg{err: err}
	}
	if err := d.FillTexts(ctx, stats, texts); err != nil {
		return loadedMsg{err: err}
	}
	msg := loadedMsg{stats: stats, texts: texts, at: at}
	if wantReset {
		// Only 14+ records the reset time; a failure here costs nothing
		// but the header line.
		msg.resetAt, _ = d.QueryStatsReset(ctx)
	}
	return msg
}

// tick schedules the next sample, addressed with the current sequence
// number so a sample started meanwhile makes it stale.
func (m *Model) tick() tea.Cmd {
	return pane.Tick(pane.Slow, m.seq, SampleEvery, tickMsg{})
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0); m.clamp() }

// Focus implements pane.Pane: sampling runs while the pane has focus.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.loading {
		return nil
	}
	return m.fetch()
}

// Blur implements pane.Pane: sampling stops.
func (m *Model) Blur() { m.focused = false }

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane: no text input.
func (m *Model) Capturing() bool { return false }

// Busy implements pane.Pane: samples end within the statement timeout.
func (m *Model) Busy() bool { return false }

func status(text string, err error) tea.Cmd {
	return func() tea.Msg { return pane.StatusMsg{Text: text, Err: err} }
}
