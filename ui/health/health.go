// Package health is the Health pane: each check a DBA's health endpoint
// would run, with its value, thresholds, a status badge that reads
// without colour, and the recommended action; database size and its
// growth stand in for disk usage, which SQL cannot read.
package health

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// RefreshEvery is how often the checks run while the pane has focus.
const RefreshEvery = 10 * time.Second

// Model is the Health pane.
type Model struct {
	d       *db.DB
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	focused       bool
	seq           uint64
	loading       bool
	err           error

	health *db.Health
	// first is the first reading of the database size, for its growth.
	first *sizeAt
	size  sizeAt
	top   int
}

// sizeAt is the database size at a moment.
type sizeAt struct {
	bytes int64
	at    time.Time
}

type loadedMsg = pane.Loaded[db.Health]

type tickMsg struct{}

// New builds the pane.
func New(d *db.DB, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	return &Model{d: d, styles: styles, keys: keys, timeout: timeout}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Health }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Health" }

// Init implements pane.Pane.
func (m *Model) Init() tea.Cmd { return m.fetch() }

func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	return pane.Load(pane.Health, m.seq, m.timeout, m.d.Health)
}

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		if msg.Seq != m.seq {
			return m, nil
		}
		switch r := msg.Msg.(type) {
		case tickMsg:
			if m.focused && !m.loading {
				return m, m.fetch()
			}
		case loadedMsg:
			return m, m.loaded(r)
		}
	case pane.RefreshMsg:
		return m, m.fetch()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.scroll(-1)
		case key.Matches(msg, m.keys.Down):
			m.scroll(1)
		case key.Matches(msg, m.keys.Refresh):
			return m, m.fetch()
		}
	}
	return m, nil
}

func (m *Model) loaded(r loadedMsg) tea.Cmd {
	m.loading = false
	var cmds []tea.Cmd
	if m.focused {
		cmds = append(cmds, pane.Tick(pane.Health, m.seq, RefreshEvery, tickMsg{}))
	}
	m.err = r.Err
	if r.Err != nil {
		return tea.Batch(append(cmds, func() tea.Msg { return pane.StatusMsg{Err: r.Err} })...)
	}
	m.health = &r.Value
	if r.Value.Raw != nil {
		m.size = sizeAt{bytes: r.Value.Raw.DatabaseBytes, at: r.Value.ReadAt}
		if m.first == nil {
			first := m.size
			m.first = &first
		}
	}
	m.scroll(0)
	return tea.Batch(cmds...)
}

func (m *Model) scroll(n int) {
	m.top = max(min(m.top+n, len(m.lines())-m.height), 0)
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0); m.scroll(0) }

// Focus implements pane.Pane: the checks rerun while the pane has focus.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.loading {
		return nil
	}
	return m.fetch()
}

// Blur implements pane.Pane.
func (m *Model) Blur() { m.focused = false }

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane.
func (m *Model) Capturing() bool { return false }

// Busy implements pane.Pane: checks end within the statement timeout.
func (m *Model) Busy() bool { return false }
