// Package indexes is the Index health pane: unused, duplicate, invalid
// and bloated indexes, foreign keys without an index, seq-scan heavy and
// bloated tables, each with its fix, the thresholds in the header, and
// table sizes; pgstattuple measures bloat exactly on request.
package indexes

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// Model is the Index health pane.
type Model struct {
	d       *db.DB
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration
	th      advise.Thresholds

	width, height int
	seq           uint64
	loading       bool
	measuring     bool
	cancel        context.CancelFunc
	err           error

	health   *db.IndexHealth
	findings []finding.Finding
	tables   []db.TableStat // by total size, largest first
	// rels resolves a finding's object to the relation pgstattuple measures.
	rels  map[string]relation
	exact map[string]db.Exact

	sizes    bool
	sel, top int
}

// relation is an index or table as pgstattuple is asked to measure it.
type relation struct {
	key   catalog.Key
	index bool
}

type loadedMsg = pane.Loaded[db.IndexHealth]

type exactMsg struct {
	object string
	e      db.Exact
	err    error
}

// New builds the pane with the default thresholds.
func New(d *db.DB, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	return &Model{d: d, styles: styles, keys: keys, timeout: timeout, th: advise.DefaultThresholds(), exact: map[string]db.Exact{}}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Indexes }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Index health" }

// Init implements pane.Pane.
func (m *Model) Init() tea.Cmd { return m.fetch() }

func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	d := m.d
	return pane.Load(pane.Indexes, m.seq, m.timeout, func(ctx context.Context) (db.IndexHealth, error) { return d.IndexHealth(ctx, 0) })
}

// measure runs pgstattuple on the relation behind object. It reads the
// whole relation, so it runs only when asked and may be cancelled.
func (m *Model) measure(object string) tea.Cmd {
	r, ok := m.rels[object]
	if !ok {
		return status("", fmt.Errorf("%s is not an index or table pgstattuple can measure", object))
	}
	m.measuring = true
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout)
	m.cancel = cancel
	d := m.d
	return pane.Run(pane.Indexes, m.seq, func() tea.Msg {
		defer cancel()
		var e db.Exact
		var err error
		if r.index {
			e, err = d.ExactIndexBloat(ctx, r.key)
		} else {
			e, err = d.ExactTableBloat(ctx, r.key)
		}
		return exactMsg{object: object, e: e, err: err}
	})
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
	case pane.CancelMsg:
		if m.cancel != nil {
			m.cancel()
		}
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	switch r := msg.(type) {
	case loadedMsg:
		m.loading, m.measuring = false, false
		if m.cancel != nil {
			m.cancel()
			m.cancel = nil
		}
		m.err = r.Err
		if r.Err != nil {
			return status("", r.Err)
		}
		m.set(r.Value)
	case exactMsg:
		m.measuring, m.cancel = false, nil
		if r.err != nil {
			return status("", r.err)
		}
		m.exact[r.object] = r.e
		return status(fmt.Sprintf("%s: %s", r.object, exactText(r.e)), nil)
	}
	return nil
}

// set takes a new load: findings, tables by size, and the relation index.
func (m *Model) set(h db.IndexHealth) {
	m.health = &h
	m.findings = h.Findings(m.th)
	m.tables = slices.Clone(h.Tables)
	slices.SortStableFunc(m.tables, func(a, b db.TableStat) int { return cmp.Compare(total(b), total(a)) })
	m.rels = map[string]relation{}
	for _, t := range h.Tables {
		m.rels[t.Table.String()] = relation{key: t.Table}
	}
	for _, ix := range h.Indexes {
		m.rels[finding.Qualified(ix.Table.Schema, ix.Name)] = relation{key: catalog.Key{Schema: ix.Table.Schema, Name: ix.Name}, index: true}
	}
	m.clamp()
}

func total(t db.TableStat) int64 { return t.TableBytes + t.IndexBytes + t.ToastBytes }

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.sel--
	case key.Matches(msg, m.keys.Down):
		m.sel++
	case key.Matches(msg, m.keys.PageUp):
		m.sel -= max(m.rowsShown(), 1)
	case key.Matches(msg, m.keys.PageDown):
		m.sel += max(m.rowsShown(), 1)
	case key.Matches(msg, m.keys.Sizes):
		m.sizes, m.sel, m.top = !m.sizes, 0, 0
	case key.Matches(msg, m.keys.Exact):
		if obj, ok := m.selectedObject(); ok && !m.measuring {
			return m.measure(obj)
		}
	case key.Matches(msg, m.keys.Refresh):
		return m.fetch()
	}
	m.clamp()
	return nil
}

// selectedObject names the relation under the cursor.
func (m *Model) selectedObject() (string, bool) {
	if m.sizes {
		if m.sel < len(m.tables) {
			return m.tables[m.sel].Table.String(), true
		}
		return "", false
	}
	if m.sel < len(m.findings) {
		return m.findings[m.sel].Object, true
	}
	return "", false
}

func (m *Model) count() int {
	if m.sizes {
		return len(m.tables)
	}
	return len(m.findings)
}

func (m *Model) clamp() {
	m.sel = min(max(m.sel, 0), max(m.count()-1, 0))
	h := max(m.rowsShown(), 1)
	if m.sel < m.top {
		m.top = m.sel
	}
	if m.sel >= m.top+h {
		m.top = m.sel - h + 1
	}
	m.top = max(min(m.top, m.count()-h), 0)
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0); m.clamp() }

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements pane.Pane.
func (m *Model) Blur() {}

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane.
func (m *Model) Capturing() bool { return false }

// Busy implements pane.Pane: a pgstattuple measurement reads a whole
// relation and may be cancelled; loads end within the statement timeout.
func (m *Model) Busy() bool { return m.measuring }

func status(text string, err error) tea.Cmd {
	return func() tea.Msg { return pane.StatusMsg{Text: text, Err: err} }
}

func exactText(e db.Exact) string {
	share := 0.0
	if e.Bytes > 0 {
		share = 100 * float64(e.WasteBytes) / float64(e.Bytes)
	}
	return fmt.Sprintf("exact (pgstattuple): %s wasted of %s (%.0f%%)", bytes(e.WasteBytes), bytes(e.Bytes), share)
}
