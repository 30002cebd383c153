// Package activity is the Activity pane: pg_stat_activity as a blocking
// tree, long-running queries and idle-in-transaction sessions marked,
// refreshed automatically (paused on demand), with cancel and terminate
// through a confirmation in read-write mode.
package activity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// RefreshEvery is how often the pane reloads while it has focus.
const RefreshEvery = 2 * time.Second

// Model is the Activity pane.
type Model struct {
	d       *db.DB
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	focused       bool
	paused        bool
	seq           uint64
	loading       bool
	err           error

	loaded  bool
	rows    []db.TreeRow
	notes   []string
	readAt  time.Time
	sel     int
	selPID  int32
	top     int
	pending bool // a signal is being sent
}

// signalAction is the confirm action for cancel and terminate.
type signalAction struct {
	PID       int32
	Terminate bool
}

type loadedMsg = pane.Loaded[db.Activity]

type signalledMsg struct {
	act signalAction
	ok  bool
	err error
}

type tickMsg struct{}

// errReadOnly explains why signals are refused.
var errReadOnly = errors.New("cancelling or terminating a backend changes the server: restart pgdeck with --read-write")

// New builds the pane.
func New(d *db.DB, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	return &Model{d: d, styles: styles, keys: keys, timeout: timeout}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Activity }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Activity" }

// Init implements pane.Pane.
func (m *Model) Init() tea.Cmd { return m.fetch() }

func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	return pane.Load(pane.Activity, m.seq, m.timeout, m.d.Activity)
}

func (m *Model) tick() tea.Cmd {
	return pane.Tick(pane.Activity, m.seq, RefreshEvery, tickMsg{})
}

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		if msg.Seq != m.seq {
			return m, nil
		}
		return m, m.handleResult(msg.Msg)
	case pane.RefreshMsg:
		return m, m.fetch()
	case pane.ConfirmedMsg:
		if a, ok := msg.Action.(signalAction); ok {
			return m, m.signal(a)
		}
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	switch r := msg.(type) {
	case tickMsg:
		if m.focused && !m.paused && !m.loading {
			return m.fetch()
		}
	case loadedMsg:
		m.loading = false
		var cmds []tea.Cmd
		if m.focused && !m.paused {
			cmds = append(cmds, m.tick())
		}
		m.err = r.Err
		if r.Err != nil {
			return tea.Batch(append(cmds, status("", r.Err))...)
		}
		m.loaded, m.readAt, m.notes = true, r.At, r.Value.Notes
		m.rows = db.BlockingTree(r.Value.Backends)
		m.sel = 0
		for i, x := range m.rows {
			if x.PID == m.selPID {
				m.sel = i
			}
		}
		m.clamp()
		return tea.Batch(cmds...)
	case signalledMsg:
		m.pending = false
		verb := "query cancelled"
		if r.act.Terminate {
			verb = "terminated"
		}
		text := fmt.Sprintf("backend %d %s", r.act.PID, verb)
		if r.err == nil && !r.ok {
			text = fmt.Sprintf("backend %d was not signalled (it has gone, or this role may not signal it)", r.act.PID)
		}
		return tea.Batch(status(text, r.err), m.fetch())
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.sel--
	case key.Matches(msg, m.keys.Down):
		m.sel++
	case key.Matches(msg, m.keys.PageUp):
		m.sel -= max(m.listHeight(), 1)
	case key.Matches(msg, m.keys.PageDown):
		m.sel += max(m.listHeight(), 1)
	case key.Matches(msg, m.keys.Pause):
		m.paused = !m.paused
		if !m.paused && m.focused && !m.loading {
			return m.fetch()
		}
	case key.Matches(msg, m.keys.Cancel):
		return m.ask(false)
	case key.Matches(msg, m.keys.Terminate):
		return m.ask(true)
	case key.Matches(msg, m.keys.Refresh):
		return m.fetch()
	}
	m.clamp()
	return nil
}

// ask puts the cancel or terminate question to the user through the root.
func (m *Model) ask(terminate bool) tea.Cmd {
	if m.sel >= len(m.rows) {
		return nil
	}
	if m.d.ReadOnly() {
		return status("", errReadOnly)
	}
	b := m.rows[m.sel].Backend
	act := signalAction{PID: b.PID, Terminate: terminate}
	q := fmt.Sprintf("Cancel the running query of backend %d (%s)?", b.PID, describe(b))
	if terminate {
		q = fmt.Sprintf("Terminate backend %d (%s)? Its session ends and any open transaction is rolled back.", b.PID, describe(b))
	}
	return func() tea.Msg { return pane.ConfirmMsg{From: pane.Activity, Question: q, Danger: true, Action: act} }
}

// signal sends the confirmed signal in a command capturing values only.
func (m *Model) signal(a signalAction) tea.Cmd {
	m.seq++
	m.pending = true
	d, timeout := m.d, m.timeout
	return pane.Run(pane.Activity, m.seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		var ok bool
		var err error
		if a.Terminate {
			ok, err = d.TerminateBackend(ctx, a.PID)
		} else {
			ok, err = d.CancelBackend(ctx, a.PID)
		}
		return signalledMsg{act: a, ok: ok, err: err}
	})
}

func (m *Model) clamp() {
	m.sel = min(max(m.sel, 0), max(len(m.rows)-1, 0))
	h := max(m.listHeight(), 1)
	if m.sel < m.top {
		m.top = m.sel
	}
	if m.sel >= m.top+h {
		m.top = m.sel - h + 1
	}
	m.top = max(min(m.top, len(m.rows)-h), 0)
	if m.sel < len(m.rows) {
		m.selPID = m.rows[m.sel].PID
	}
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0); m.clamp() }

// Focus implements pane.Pane: the refresh runs while the pane has focus.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.loading || m.paused {
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

// Busy implements pane.Pane: loads end within the statement timeout.
func (m *Model) Busy() bool { return false }

func status(text string, err error) tea.Cmd {
	return func() tea.Msg { return pane.StatusMsg{Text: text, Err: err} }
}
