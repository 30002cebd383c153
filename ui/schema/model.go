// Package schema is the Schema pane: every table, view and partition of
// the database in a filterable tree on the left, and the selected one's
// columns, indexes, constraints, relationships, DDL, sample rows and
// advisor findings on the right.
package schema

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	adviser "github.com/pgdeck/pgdeck/advise/schema"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// SampleLimit is how many rows the Rows tab shows.
const SampleLimit = 100

// Loader reads the catalog, one table's definitions and sample rows;
// *db.DB satisfies it.
type Loader interface {
	Catalog(ctx context.Context, opts db.CatalogOptions) (*catalog.Catalog, error)
	Definitions(ctx context.Context, oids []uint32) (map[uint32]catalog.Definitions, error)
	SampleRows(ctx context.Context, rel catalog.Key, limit int) (db.Sample, error)
}

// The detail tabs, in order.
var tabs = []string{"Columns", "Indexes", "Constraints", "Relations", "DDL", "Rows", "Findings"}

const (
	tabColumns = iota
	tabIndexes
	tabConstraints
	tabRelations
	tabDDL
	tabRows
	tabFindings
)

// Model is the Schema pane.
type Model struct {
	load    Loader
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	system        bool

	seq        uint64
	loadSeq    uint64
	loading    bool
	loadCancel context.CancelFunc
	err        error

	cat      *catalog.Catalog
	look     *catalog.Lookup
	findings map[catalog.Key][]finding.Finding
	// checking is true from the catalog's arrival until the advisor's
	// findings for it arrive in their own command.
	checking bool
	list     list

	tab          int
	detailFocus  bool
	detailCursor int
	detailOffset int
	pending      *catalog.Key
	// ddl caches the highlighted DDL per relation, built in Update once
	// its definitions are there; defs are the deparsed index and
	// constraint texts fetched per table (the bulk load leaves them out).
	ddl        map[catalog.Key][]string
	defs       map[uint32]catalog.Definitions
	defsSeq    uint64
	defsOID    uint32
	defsErr    error
	defsCancel context.CancelFunc

	sampleSeq     uint64
	sampleKey     catalog.Key
	sample        *db.Sample
	sampleErr     error
	sampleLoading bool
	sampleCancel  context.CancelFunc
}

// loadedMsg is the result of a catalog load; the advisor runs after it
// in its own command so the list draws without waiting for it.
type loadedMsg struct {
	cat  *catalog.Catalog
	look *catalog.Lookup
	err  error
}

// findingsMsg is the advisor's verdict on the catalog of one load.
type findingsMsg struct {
	items []adviser.Item
}

// defsMsg is the deparsed definitions of one relation.
type defsMsg struct {
	oid  uint32
	defs catalog.Definitions
	err  error
}

// sampleMsg is the result of reading sample rows.
type sampleMsg struct {
	key    catalog.Key
	sample db.Sample
	err    error
}

// New builds the pane; timeout bounds each load.
func New(load Loader, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Model{load: load, styles: styles, keys: keys, timeout: timeout,
		ddl: map[catalog.Key][]string{}, defs: map[uint32]catalog.Definitions{}}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Schema }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Schema" }

// Init starts the first catalog load.
func (m *Model) Init() tea.Cmd { return m.fetch() }

// fetch loads the catalog off the UI goroutine. The command captures the
// loader, options and context, never the model.
func (m *Model) fetch() tea.Cmd {
	if m.loadCancel != nil {
		m.loadCancel()
	}
	m.seq++
	m.loadSeq = m.seq
	m.loading = true
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout)
	m.loadCancel = cancel
	load, opts := m.load, db.CatalogOptions{System: m.system}
	return pane.Run(pane.Schema, m.seq, func() tea.Msg {
		defer cancel()
		c, err := load.Catalog(ctx, opts)
		if err != nil {
			return loadedMsg{err: err}
		}
		return loadedMsg{cat: c, look: c.Index()}
	})
}

// check runs the advisor over a loaded catalog. It only reads the
// catalog, which Update never changes after the load, so the pane keeps
// drawing from it meanwhile.
func (m *Model) check(seq uint64, c *catalog.Catalog, l *catalog.Lookup) tea.Cmd {
	m.checking = true
	return pane.Run(pane.Schema, seq, func() tea.Msg {
		return findingsMsg{items: adviser.CheckIndexed(c, l, adviser.Options{})}
	})
}

// fetchDefs reads the deparsed definitions of relation oid for the
// Constraints and DDL tabs.
func (m *Model) fetchDefs(oid uint32) tea.Cmd {
	if m.defsCancel != nil {
		m.defsCancel()
	}
	m.seq++
	m.defsSeq, m.defsOID, m.defsErr = m.seq, oid, nil
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout)
	m.defsCancel = cancel
	load := m.load
	return pane.Run(pane.Schema, m.seq, func() tea.Msg {
		defer cancel()
		defs, err := load.Definitions(ctx, []uint32{oid})
		return defsMsg{oid: oid, defs: defs[oid], err: err}
	})
}

// fetchSample reads the selected relation's first rows.
func (m *Model) fetchSample(k catalog.Key) tea.Cmd {
	if m.sampleCancel != nil {
		m.sampleCancel()
	}
	m.seq++
	m.sampleSeq = m.seq
	m.sampleKey, m.sample, m.sampleErr, m.sampleLoading = k, nil, nil, true
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout)
	m.sampleCancel = cancel
	load := m.load
	return pane.Run(pane.Schema, m.seq, func() tea.Msg {
		defer cancel()
		s, err := load.SampleRows(ctx, k, SampleLimit)
		return sampleMsg{key: k, sample: s, err: err}
	})
}

// SetSize implements pane.Pane; scroll positions follow the new size
// here, so View only draws.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.sync()
}

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements pane.Pane: a half-typed filter stays, its input closes.
func (m *Model) Blur() { m.list.filtering = false }

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane: while the filter input is open every
// printable key is text.
func (m *Model) Capturing() bool { return m.list.filtering }

// Busy implements pane.Pane.
func (m *Model) Busy() bool { return m.loading || m.sampleLoading || m.checking || m.defsOID != 0 }

// Checking reports whether the advisor is still judging the catalog.
func (m *Model) Checking() bool { return m.checking }

// Findings returns the advisor's findings for a relation (for tests and
// the status line).
func (m *Model) Findings(k catalog.Key) []finding.Finding { return m.findings[k] }

// Selected returns the relation under the cursor, or nil.
func (m *Model) Selected() *catalog.Relation {
	if m.cat == nil {
		return nil
	}
	i := m.list.selected()
	if i < 0 {
		return nil
	}
	return &m.cat.Relations[i]
}
