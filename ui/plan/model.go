// Package plan is the Plan pane: a query plan as a collapsible tree with
// exclusive-time bars, row estimates against actual rows, Seq Scans marked,
// a detail panel for the selected node, the findings with their fixes, a
// search over node types and relations, and a before/after comparison.
package plan

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// Explainer runs EXPLAIN on the database and reads the indexes the
// findings check; *db.DB satisfies it. A nil Explainer gives an offline
// pane that only shows plans it is handed, with findings as offline.
type Explainer interface {
	Explain(ctx context.Context, sql string, o db.ExplainOptions) (string, error)
	IndexColumns(ctx context.Context, schema, table string) ([][]string, error)
	ReadOnly() bool
}

// Model is the Plan pane.
type Model struct {
	ex      Explainer
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	focused       bool

	seq    uint64
	busy   bool
	cancel context.CancelFunc
	err    error
	note   string
	// ixCancel stops the read of existing indexes in flight; checked is
	// the plan whose findings already took them into account.
	ixCancel context.CancelFunc
	checked  *explain.Plan

	title    string
	plan     *explain.Plan
	findings []explain.PlanFinding
	guides   []string
	// collapsed is indexed by node index (ID-1); visible lists the node
	// indexes shown, rebuilt only when something is collapsed or expanded.
	collapsed []bool
	visible   []int
	cursor    int // index into visible
	offset    int // first visible row drawn

	showDetail    bool
	focusFindings bool
	fcursor       int

	searching bool
	query     string
	matches   []int // node indexes
	matchAt   int

	cmp         *explain.Comparison
	compareView bool
	ccursor     int
	coffset     int

	fix fixState
}

// explainedMsg carries the result of an EXPLAIN run.
type explainedMsg struct {
	sql     string
	src     string
	analyze bool
	err     error
}

// plainAction is the confirmation the pane asks for when ANALYZE would
// run a data-changing statement: explain it without running it instead.
type plainAction struct{ sql string }

// analyzeWritesAction is the confirmation, on a read-write connection, to
// run a data-changing statement under ANALYZE in a rolled-back transaction.
type analyzeWritesAction struct{ sql string }

// New builds the Plan pane. timeout bounds an EXPLAIN ANALYZE run.
func New(ex Explainer, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	if timeout <= 0 {
		timeout = db.DefaultExplainTimeout
	}
	return &Model{ex: ex, styles: styles, keys: keys, timeout: timeout, showDetail: true}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Plan }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Plan" }

// Init implements pane.Pane: nothing to load until a plan arrives.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.scrollToCursor()
}

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur implements pane.Pane.
func (m *Model) Blur() { m.focused = false }

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane: true while the search line is open.
func (m *Model) Capturing() bool { return m.searching || m.fix.prompting }

// Busy implements pane.Pane.
func (m *Model) Busy() bool { return m.busy }

// Plan returns the plan shown, or nil.
func (m *Model) Plan() *explain.Plan { return m.plan }

// Selected returns the selected node, or nil.
func (m *Model) Selected() *explain.Node {
	if m.plan == nil || len(m.visible) == 0 {
		return nil
	}
	return m.plan.Nodes[m.visible[m.cursor]]
}

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.OpenPlanMsg:
		m.open(msg)
		return m, m.checkIndexes()
	case pane.ExplainMsg:
		return m, m.explain(msg.SQL, msg.Analyze, false)
	case pane.Envelope:
		if fm, ok := msg.Msg.(pane.FixMsg); ok && msg.To == pane.Plan {
			m.receiveFix(fm)
			return m, m.checkIndexes()
		}
		if msg.To == pane.Plan && msg.Seq == m.seq {
			return m, m.handleResult(msg.Msg)
		}
	case pane.ConfirmedMsg:
		switch a := msg.Action.(type) {
		case plainAction:
			return m, m.explain(a.sql, false, false)
		case analyzeWritesAction:
			return m, m.explain(a.sql, true, true)
		case newDirAction:
			return m, m.write(a.dir)
		}
	case pane.CancelMsg:
		if m.cancel != nil {
			m.cancel()
		}
		m.stopIndexes()
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

// open shows a plan handed over by another pane or the command line.
func (m *Model) open(msg pane.OpenPlanMsg) {
	p, err := explain.Parse(msg.Source)
	if err != nil {
		m.err = err
		return
	}
	if p.QueryText == "" {
		p.QueryText = msg.SQL
	}
	m.keepStatement(p.QueryText, nil)
	m.err, m.note = nil, ""
	m.title = msg.Title
	m.setPlan(p)
	m.cmp, m.compareView = nil, false
	if msg.Before != "" {
		before, err := explain.Parse(msg.Before)
		if err != nil {
			m.err = errors.New("the earlier plan does not parse: " + err.Error())
			return
		}
		m.cmp = explain.Compare(before, p)
		m.compareView = true
		m.ccursor, m.coffset = 0, 0
	}
}

func (m *Model) setPlan(p *explain.Plan) {
	if m.ixCancel != nil {
		// The indexes read for the plan shown before are stale now; a
		// command started since has made them so already.
		m.stopIndexes()
		if !m.busy {
			m.seq++
		}
	}
	m.plan = p
	m.findings = explain.Findings(p, explain.Options{})
	m.guides = explain.Guides(p)
	m.collapsed = make([]bool, len(p.Nodes))
	m.focusFindings, m.fcursor = false, 0
	m.query, m.matches, m.matchAt = "", nil, 0
	m.rebuild()
	m.cursor, m.offset = 0, 0
	if h := p.Hottest(); h != nil {
		m.selectNode(h.ID - 1)
	}
}

// explain runs EXPLAIN for sql in a command that captures only values.
func (m *Model) explain(sql string, analyze, writes bool) tea.Cmd {
	if m.ex == nil {
		m.err = errors.New("no database connection: open a saved plan instead")
		return nil
	}
	if m.cancel != nil {
		m.cancel()
	}
	m.seq++
	ctx, cancel := context.WithTimeout(context.Background(), m.timeout+10*time.Second)
	m.cancel, m.busy, m.err = cancel, true, nil
	ex, timeout := m.ex, m.timeout
	o := db.ExplainOptions{Analyze: analyze, Buffers: analyze, AnalyzeWrites: writes, StatementTimeout: timeout}
	return pane.Run(pane.Plan, m.seq, func() tea.Msg {
		defer cancel()
		src, err := ex.Explain(ctx, sql, o)
		return explainedMsg{sql: sql, src: src, analyze: analyze, err: err}
	})
}

func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.handleFixResult(msg); ok {
		return cmd
	}
	if r, ok := msg.(indexesMsg); ok {
		return m.indexesDone(r)
	}
	r, ok := msg.(explainedMsg)
	if !ok {
		return nil
	}
	m.busy, m.cancel = false, nil
	if r.err != nil {
		if r.analyze && errors.Is(r.err, db.ErrWritesNeedConfirmation) {
			sql := r.sql
			if !m.ex.ReadOnly() {
				return func() tea.Msg {
					return pane.ConfirmMsg{From: pane.Plan, Danger: true, Action: analyzeWritesAction{sql: sql},
						Question: "The statement changes data. Run it under EXPLAIN ANALYZE inside a transaction that is rolled back? Sequences still advance and triggers' outside effects remain."}
				}
			}
			return func() tea.Msg {
				return pane.ConfirmMsg{From: pane.Plan, Question: "The statement changes data, so EXPLAIN ANALYZE would run it. Show the plan without running it (plain EXPLAIN)?", Action: plainAction{sql: sql}}
			}
		}
		m.err = r.err
		return nil
	}
	p, err := explain.Parse(r.src)
	if err != nil {
		m.err = err
		return nil
	}
	p.QueryText = r.sql
	m.keepStatement(r.sql, nil)
	m.title = firstLine(r.sql)
	m.setPlan(p)
	m.cmp, m.compareView = nil, false
	return m.checkIndexes()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
