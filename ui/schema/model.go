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

// Loader reads the catalog and sample rows; *db.DB satisfies it.
type Loader interface {
	Catalog(ctx context.Context, opts db.CatalogOptions) (*catalog.Catalog, error)
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
	list     list

	tab          int
	detailFocus  bool
	detailCursor int
	detailOffset int
	pending      *catalog.Key
	ddl          map[catalog.Key][]string

	sampleSeq     uint64
	sampleKey     catalog.Key
	sample        *db.Sample
	sampleErr     error
	sampleLoading bool
	sampleCancel  context.CancelFunc
}

// loadedMsg is the result of a catalog load with the advisor's findings.
type loadedMsg struct {
	cat   *catalog.Catalog
	look  *catalog.Lookup
	items []adviser.Item
	err   error
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
	return &Model{load: load, styles: styles, keys: keys, timeout: timeout, ddl: map[catalog.Key][]string{}}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Schema }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Schema" }

// Init starts the first catalog load.
func (m *Model) Init() tea.Cmd { return m.fetch() }

// fetch loads the catalog and runs the advisor off the UI goroutine. The
// command captures the loader, options and context, never the model.
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
		items := adviser.Check(c, adviser.Options{})
		return loadedMsg{cat: c, look: c.Index(), items: items}
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

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

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
func (m *Model) Busy() bool { return m.loading || m.sampleLoading }

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
