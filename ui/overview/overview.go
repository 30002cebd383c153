// Package overview is the Overview pane: the server and database at a
// glance, refreshed in the background.
package overview

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// RefreshEvery is how often the pane reloads while the console runs;
// SizeEvery how often it also reads the database size, which stats every
// file of the database and is slow on very large catalogs.
const (
	RefreshEvery = 5 * time.Second
	SizeEvery    = time.Minute
)

// KeyMap is the Overview pane's keys.
type KeyMap struct {
	Refresh key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh now"))}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Refresh} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Loader reads the overview; *db.DB satisfies it.
type Loader interface {
	Overview(ctx context.Context, withSize bool) (db.Overview, error)
}

// Model is the Overview pane.
type Model struct {
	load    Loader
	info    db.Info
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	seq           uint64
	loading       bool
	data          *db.Overview
	prev          *db.Overview
	// size is the last database size read, at sizeAt.
	size   *int64
	sizeAt time.Time
	err    error
}

// loadedMsg is the result of one load.
type loadedMsg = pane.Loaded[db.Overview]

// tickMsg schedules the next background refresh.
type tickMsg struct{}

// New builds the pane.
func New(load Loader, info db.Info, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	return &Model{load: load, info: info, styles: styles, keys: keys, timeout: timeout}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Overview }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Overview" }

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.fetch() }

// fetch issues a load with a fresh sequence number. The command captures
// only the loader and a timeout, never the model.
func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	load := m.load
	withSize := m.size == nil || time.Since(m.sizeAt) >= SizeEvery
	return pane.Load(pane.Overview, m.seq, m.timeout, func(ctx context.Context) (db.Overview, error) {
		return load.Overview(ctx, withSize)
	})
}

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		if msg.Seq != m.seq {
			return m, nil // stale
		}
		if r, ok := msg.Msg.(loadedMsg); ok {
			m.loading = false
			m.err = r.Err
			if r.Err == nil {
				if r.Value.DatabaseBytes != nil {
					m.size, m.sizeAt = r.Value.DatabaseBytes, r.Value.ReadAt
				}
				r.Value.DatabaseBytes = m.size
				m.prev, m.data = m.data, &r.Value
			}
			next := pane.Tick(pane.Overview, m.seq, RefreshEvery, tickMsg{})
			if r.Err != nil {
				return m, tea.Batch(next, func() tea.Msg { return pane.StatusMsg{Err: r.Err} })
			}
			return m, next
		}
		if _, ok := msg.Msg.(tickMsg); ok && !m.loading {
			return m, m.fetch()
		}
	case pane.RefreshMsg:
		return m, m.fetch()
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Refresh) {
			return m, m.fetch()
		}
	}
	return m, nil
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements pane.Pane.
func (m *Model) Blur() {}

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane: the Overview has no text input.
func (m *Model) Capturing() bool { return false }

// Busy implements pane.Pane. Background refreshes are not worth a
// Ctrl-C: they end by themselves within the statement timeout.
func (m *Model) Busy() bool { return false }

// View implements pane.Pane.
func (m *Model) View() string {
	var lines []string
	if m.data == nil {
		if m.err != nil {
			lines = append(lines, m.styles.Error.Render("Could not load the overview: ")+m.err.Error())
		} else {
			lines = append(lines, m.styles.Muted.Render("Loading…"))
		}
		return fit(lines, m.width, m.height)
	}
	lines = append(lines, m.card()...)
	if m.err != nil {
		lines = append(lines, "", m.styles.Error.Render("Last refresh failed: ")+m.err.Error())
	}
	return fit(lines, m.width, m.height)
}

// fit cuts lines to the pane's rectangle so the layout never overflows.
func fit(lines []string, w, h int) string {
	if h >= 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// Rows returns the card as label/value pairs, shared by View and tests.
func Rows(o db.Overview, prev *db.Overview, info db.Info) [][2]string {
	hit := "n/a (no blocks read yet)"
	if o.CacheHitRatio != nil {
		hit = fmt.Sprintf("%.2f%%", *o.CacheHitRatio*100)
	}
	pgss := "installed"
	switch {
	case o.PGSSInstalled:
	case info.PGSSPreloaded != nil && !*info.PGSSPreloaded:
		pgss = "not preloaded: add pg_stat_statements to shared_preload_libraries and restart"
	default:
		pgss = "not installed: CREATE EXTENSION pg_stat_statements"
	}
	role := "primary"
	if o.InRecovery {
		role = "standby (in recovery)"
	}
	tps := "—"
	if prev != nil {
		if dt := o.ReadAt.Sub(prev.ReadAt).Seconds(); dt > 0 {
			tps = fmt.Sprintf("%.1f/s", float64(o.Transactions-prev.Transactions)/dt)
		}
	}
	return [][2]string{
		{"Server", fmt.Sprintf("PostgreSQL %s, %s", o.Version, role)},
		{"Uptime", Duration(o.ReadAt.Sub(o.StartedAt))},
		{"Database", fmt.Sprintf("%s, %s", info.Database, sizeText(o.DatabaseBytes))},
		{"Objects", fmt.Sprintf("%d schemas, %d tables, %d indexes", o.Schemas, o.Tables, o.Indexes)},
		{"Connections", fmt.Sprintf("%d of %d (%d active, %d idle in transaction)", o.Connections, o.MaxConnections, o.Active, o.IdleInTransaction)},
		{"Cache hit ratio", hit},
		{"Transactions", tps},
		{"pg_stat_statements", pgss},
	}
}

func (m *Model) card() []string {
	rows := Rows(*m.data, m.prev, m.info)
	width := 0
	for _, r := range rows {
		width = max(width, len(r[0]))
	}
	lines := []string{m.styles.Title.Render("Overview"), ""}
	for _, r := range rows {
		lines = append(lines, m.styles.Muted.Render(fmt.Sprintf("%-*s", width, r[0]))+"  "+r[1])
	}
	for _, n := range m.info.Notes {
		lines = append(lines, "", m.styles.Warning.Render("Note: ")+n)
	}
	return lines
}

func sizeText(b *int64) string {
	if b == nil {
		return "size not read yet"
	}
	return Bytes(*b)
}
