package schema

import (
	"errors"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	adviser "github.com/pgdeck/pgdeck/advise/schema"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// Update implements pane.Pane. Every state change ends in sync, which
// moves the scroll positions, so View is a pure function of the model.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case pane.Envelope:
		cmd = m.handleResult(msg)
	case pane.RefreshMsg:
		cmd = m.fetch()
	case pane.CancelMsg:
		m.cancel()
	case pane.ShowTableMsg:
		k := catalog.Key{Schema: msg.Schema, Name: msg.Name}
		m.pending = &k
		cmd = m.applyPending()
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	default:
		return m, nil
	}
	m.sync()
	return m, cmd
}

func (m *Model) cancel() {
	if m.loadCancel != nil && m.loading {
		m.loadCancel()
	}
	if m.sampleCancel != nil && m.sampleLoading {
		m.sampleCancel()
	}
	if m.defsCancel != nil && m.defsOID != 0 {
		m.defsCancel()
	}
}

func (m *Model) handleResult(e pane.Envelope) tea.Cmd {
	switch r := e.Msg.(type) {
	case loadedMsg:
		if e.Seq != m.loadSeq {
			return nil // stale
		}
		m.loading = false
		m.err = r.err
		if r.err != nil {
			return func() tea.Msg { return pane.StatusMsg{Err: r.err} }
		}
		var keep *catalog.Key
		if s := m.Selected(); s != nil {
			k := s.Key()
			keep = &k
		}
		m.cat, m.look = r.cat, r.look
		m.ddl, m.defs, m.defsOID = map[catalog.Key][]string{}, map[uint32]catalog.Definitions{}, 0
		m.list.build(m.cat, m.look)
		if m.pending == nil && keep != nil {
			m.pending = keep
		}
		// The list draws now; findings follow from their own command.
		return tea.Batch(m.applyPending(), m.ensureDefs(), m.check(e.Seq, r.cat, r.look))
	case findingsMsg:
		if e.Seq != m.loadSeq {
			return nil
		}
		m.checking = false
		m.findings = adviser.ByRelation(r.items)
	case defsMsg:
		if e.Seq != m.defsSeq {
			return nil
		}
		m.defsOID, m.defsErr = 0, r.err
		if r.err == nil {
			m.defs[r.oid] = r.defs
		}
	case sampleMsg:
		if e.Seq != m.sampleSeq {
			return nil
		}
		m.sampleLoading = false
		m.sampleErr = r.err
		if r.err == nil {
			m.sample = &r.sample
		}
	}
	return nil
}

// applyPending selects the table a ShowTableMsg (or a reload) asked for,
// once the catalog is there.
func (m *Model) applyPending() tea.Cmd {
	if m.pending == nil || m.look == nil {
		return nil
	}
	k := *m.pending
	m.pending = nil
	if i := m.look.Position(k); i >= 0 && m.list.selectRel(i, m.listHeight()) {
		return m.selectionChanged()
	}
	return func() tea.Msg { return pane.StatusMsg{Text: "no relation " + k.String() + " in the schema list"} }
}

// selectionChanged resets the detail view and loads what the showing tab
// needs: sample rows, or the table's definitions.
func (m *Model) selectionChanged() tea.Cmd {
	m.detailCursor, m.detailOffset = 0, 0
	return m.tabNeeds()
}

func (m *Model) tabNeeds() tea.Cmd {
	if m.tab == tabRows {
		return m.ensureSample()
	}
	return m.ensureDefs()
}

func (m *Model) ensureSample() tea.Cmd {
	r := m.Selected()
	if r == nil || (r.Key() == m.sampleKey && (m.sample != nil || m.sampleLoading)) {
		return nil
	}
	if !r.Readable {
		m.sampleKey, m.sample, m.sampleLoading = r.Key(), nil, false
		m.sampleErr = errors.New("you have no SELECT privilege on " + r.Qualified())
		return nil
	}
	return m.fetchSample(r.Key())
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.list.filtering {
		return m.filterKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Filter):
		m.list.filtering, m.detailFocus = true, false
	case key.Matches(msg, k.NextTab):
		return m.setTab((m.tab + 1) % len(tabs))
	case key.Matches(msg, k.PrevTab):
		return m.setTab((m.tab + len(tabs) - 1) % len(tabs))
	case key.Matches(msg, k.System):
		m.system = !m.system
		return m.fetch()
	case key.Matches(msg, k.Refresh):
		return m.fetch()
	case m.detailFocus:
		return m.detailKey(msg)
	case key.Matches(msg, k.Up):
		return m.moveList(-1)
	case key.Matches(msg, k.Down):
		return m.moveList(1)
	case key.Matches(msg, k.PageUp):
		return m.moveList(-m.listHeight())
	case key.Matches(msg, k.PageDown):
		return m.moveList(m.listHeight())
	case key.Matches(msg, k.Detail), key.Matches(msg, k.Jump):
		if m.Selected() != nil {
			m.detailFocus = true
		}
	case key.Matches(msg, k.ClearFilter) && m.list.filter != "":
		m.list.filter = ""
		m.list.apply()
		return m.selectionChanged()
	}
	return nil
}

func (m *Model) moveList(n int) tea.Cmd {
	before := m.list.selected()
	m.list.move(n, m.listHeight())
	if m.list.selected() != before {
		return m.selectionChanged()
	}
	return nil
}

func (m *Model) setTab(t int) tea.Cmd {
	m.tab, m.detailCursor, m.detailOffset = t, 0, 0
	return m.tabNeeds()
}

// filterKey edits the filter: printable keys type, FilterBackspace
// deletes, LeaveFilter keeps the filter and leaves, ClearFilter clears it
// and leaves; FilterUp/FilterDown still move through the matches.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	before := m.list.selected()
	k := m.keys
	switch {
	case key.Matches(msg, k.ClearFilter):
		m.list.filtering, m.list.filter = false, ""
		m.list.apply()
	case key.Matches(msg, k.LeaveFilter):
		m.list.filtering = false
	case key.Matches(msg, k.FilterBackspace):
		if m.list.filter != "" {
			_, size := utf8.DecodeLastRuneInString(m.list.filter)
			m.list.filter = m.list.filter[:len(m.list.filter)-size]
			m.list.apply()
		}
	case key.Matches(msg, k.FilterErase):
		m.list.filter = ""
		m.list.apply()
	case key.Matches(msg, k.FilterUp):
		m.list.move(-1, m.listHeight())
	case key.Matches(msg, k.FilterDown):
		m.list.move(1, m.listHeight())
	default:
		if msg.Text != "" {
			m.list.filter += msg.Text
			m.list.apply()
		}
	}
	if m.list.selected() != before {
		return m.selectionChanged()
	}
	return nil
}

// detailKey scrolls the detail and, on the Relations tab, jumps to the
// related table under the cursor.
func (m *Model) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.detailFocus = false
	case key.Matches(msg, k.Up):
		m.detailCursor = max(0, m.detailCursor-1)
	case key.Matches(msg, k.Down):
		m.detailCursor++
	case key.Matches(msg, k.PageUp):
		m.detailCursor = max(0, m.detailCursor-m.detailHeight())
	case key.Matches(msg, k.PageDown):
		m.detailCursor += m.detailHeight()
	case key.Matches(msg, k.Jump) && m.tab == tabRelations:
		targets := m.relationTargets()
		if m.detailCursor < len(targets) {
			m.pending = &targets[m.detailCursor]
			m.detailFocus = false
			return m.applyPending()
		}
	}
	return nil
}
