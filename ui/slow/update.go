package slow

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// errReadOnly explains why the reset is refused.
var errReadOnly = errors.New("resetting pg_stat_statements changes the server: restart pgdeck with --read-write")

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		if msg.Seq != m.seq {
			return m, nil // stale
		}
		return m, m.handleResult(msg.Msg)
	case pane.RefreshMsg:
		return m, m.fetch()
	case pane.ConfirmedMsg:
		if _, ok := msg.Action.(resetAction); ok {
			return m, m.reset()
		}
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	switch r := msg.(type) {
	case tickMsg:
		if m.focused && !m.loading {
			return m.fetch()
		}
	case loadedMsg:
		m.loading = false
		var cmds []tea.Cmd
		if m.focused {
			cmds = append(cmds, m.tick())
		}
		m.err = r.err
		if r.err != nil {
			return tea.Batch(append(cmds, status("", fmt.Errorf("sample pg_stat_statements: %w", r.err)))...)
		}
		m.advice = r.advice
		if r.advice != "" {
			m.stats, m.idx, m.hist, m.samples = nil, nil, map[string]*series{}, 0
			return tea.Batch(cmds...)
		}
		if !m.loaded || r.resetAt != nil {
			m.resetAt = r.resetAt
		}
		m.loaded = true
		m.stats, m.texts, m.readAt = r.stats, r.texts, r.at
		m.hist = advance(m.hist, r.stats, r.at)
		m.samples++
		m.resort()
		return tea.Batch(cmds...)
	case resetMsg:
		if r.err != nil {
			return status("", r.err)
		}
		m.hist, m.samples, m.loaded = map[string]*series{}, 0, false
		return tea.Batch(status("pg_stat_statements reset", nil), m.fetch())
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-max(m.listHeight(), 1))
	case key.Matches(msg, k.PageDown):
		m.move(max(m.listHeight(), 1))
	case key.Matches(msg, k.Top):
		m.move(-len(m.idx))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.idx))
	case key.Matches(msg, k.Sort):
		m.sortBy = (m.sortBy + 1) % len(sorts)
		m.selKey, m.top = "", 0 // a new order starts at its top
		m.resort()
	case key.Matches(msg, k.Reverse):
		m.reverse = !m.reverse
		m.selKey, m.top = "", 0
		m.resort()
	case key.Matches(msg, k.Own):
		m.showOwn = !m.showOwn
		m.resort()
	case key.Matches(msg, k.Detail):
		m.detail = len(m.idx) > 0
	case key.Matches(msg, k.Back):
		m.detail = false
	case key.Matches(msg, k.Plan):
		return m.plan()
	case key.Matches(msg, k.Reset):
		if m.d.ReadOnly() {
			return status("", errReadOnly)
		}
		return func() tea.Msg {
			return pane.ConfirmMsg{From: pane.Slow, Danger: true, Action: resetAction{},
				Question: "Reset pg_stat_statements? Every statement's figures are lost, for all users of the server."}
		}
	case key.Matches(msg, k.Refresh):
		return m.fetch()
	}
	return nil
}

// selected returns the statement under the cursor.
func (m *Model) selected() (db.QueryStat, bool) {
	if m.sel < 0 || m.sel >= len(m.idx) {
		return db.QueryStat{}, false
	}
	return m.stats[m.idx[m.sel]], true
}

// plan explains the selected statement generically and hands the plan to
// the Plan pane. The command captures the text and the DB only.
func (m *Model) plan() tea.Cmd {
	s, ok := m.selected()
	if !ok {
		return nil
	}
	if s.Hidden() || s.Query == "" {
		return status("", errors.New("this statement's text is hidden from this role: no plan"))
	}
	d, timeout, sql := m.d, m.timeout, s.Query
	title := "Generic plan of query " + fmt.Sprint(int64(*s.QueryID))
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		plan, err := d.GenericPlan(ctx, sql, nil)
		if err != nil {
			return pane.StatusMsg{Err: fmt.Errorf("plan query %d: %w", int64(*s.QueryID), err)}
		}
		return pane.OpenPlanMsg{Source: plan, SQL: sql, Title: title}
	}
}

// reset empties pg_stat_statements after the user confirmed.
func (m *Model) reset() tea.Cmd {
	m.seq++
	d, timeout := m.d, m.timeout
	return pane.Run(pane.Slow, m.seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return resetMsg{err: d.ResetQueryStats(ctx)}
	})
}

// resort orders the list and keeps the cursor on the same statement.
func (m *Model) resort() {
	m.idx = order(m.stats, m.hist, m.sortBy, m.reverse)
	m.hiddenOwn = 0
	if !m.showOwn {
		kept := m.idx[:0]
		for _, j := range m.idx {
			if db.IsOwnQuery(m.stats[j].Query) {
				m.hiddenOwn++
				continue
			}
			kept = append(kept, j)
		}
		m.idx = kept
	}
	m.sel = 0
	for i, j := range m.idx {
		if m.stats[j].Key() == m.selKey {
			m.sel = i
			break
		}
	}
	m.clamp()
}

func (m *Model) move(n int) {
	m.sel += n
	m.clamp()
}

// clamp keeps the cursor inside the list and on screen, and remembers
// which statement it is on.
func (m *Model) clamp() {
	m.sel = min(max(m.sel, 0), max(len(m.idx)-1, 0))
	h := max(m.listHeight(), 1)
	if m.sel < m.top {
		m.top = m.sel
	}
	if m.sel >= m.top+h {
		m.top = m.sel - h + 1
	}
	m.top = max(min(m.top, len(m.idx)-h), 0)
	if s, ok := m.selected(); ok {
		m.selKey = s.Key()
	}
	if len(m.idx) == 0 {
		m.detail = false
	}
}
