// Package query is the Query pane: a SQL editor on the dedicated session
// and a streaming results grid.
package query

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// resultSet is one result of a run, shown in the grid.
type resultSet struct {
	sql  string
	cols []db.Column
	grid *widget.Grid
	res  *db.Result
}

// Model is the Query pane.
type Model struct {
	d      *db.DB
	runner *db.Runner
	styles *theme.Styles
	keys   KeyMap
	state  string // state directory ("" disables history and audit)

	width, height int
	editor        *widget.Editor
	gridFocus     bool
	sets          []*resultSet
	cur           int
	record        bool
	recordOff     int
	inspect       bool
	inspectOff    int
	timing        bool

	seq      uint64
	busy     bool
	cancel   context.CancelFunc
	ch       <-chan tea.Msg // messages of the running statements
	started  time.Time
	base     int // offset in the buffer of the text the run's statements came from
	messages []string
	errAt    int
	tx       byte

	history []string
	histIdx int

	completions *db.Completions
	pop         *popup
	prompt      *prompt
	file        string // the .sql file last opened or saved
}

// historyMsg carries the history read at start.
type historyMsg struct{ lines []string }

// commitAction is the ConfirmMsg action for a held write.
type commitAction struct {
	sql  string
	rows int64
}

// commitDoneMsg ends a Commit.
type commitDoneMsg struct{ err error }

// New builds the pane on d's session. stateDir holds history and the
// audit log; "" keeps both off (tests).
func New(d *db.DB, styles *theme.Styles, keys KeyMap, stateDir string) *Model {
	opts := db.ConsoleRunOptions()
	opts.HoldWrites = !d.ReadOnly()
	return &Model{d: d, runner: d.NewRunner(opts), styles: styles, keys: keys, state: stateDir,
		editor: widget.NewEditor(), errAt: -1, tx: 'I'}
}

// DefaultStateDir is StateDir, or "" (history and audit off) when there
// is no home directory.
func DefaultStateDir() string {
	dir, _ := StateDir()
	return dir
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Query }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Query" }

// Init loads the history and the names for completion.
func (m *Model) Init() tea.Cmd {
	dir := m.state
	if dir == "" {
		return m.loadCompletions()
	}
	return tea.Batch(m.loadCompletions(), pane.Run(pane.Query, 0, func() tea.Msg {
		lines, err := loadHistory(dir)
		if err != nil {
			return pane.StatusMsg{Err: err}
		}
		return historyMsg{lines: lines}
	}))
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements pane.Pane.
func (m *Model) Blur() {}

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane: while the editor or a path prompt has
// focus every printable key is text.
func (m *Model) Capturing() bool { return !m.gridFocus || m.prompt != nil }

// Busy implements pane.Pane.
func (m *Model) Busy() bool { return m.busy }

// Editor exposes the editor (tests, loading a file).
func (m *Model) Editor() *widget.Editor { return m.editor }

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		return m, m.handleEnvelope(msg)
	case pane.CancelMsg:
		if m.cancel != nil {
			m.cancel()
			m.messages = append(m.messages, "cancelling…")
		}
	case pane.RefreshMsg:
		if !m.gridFocus {
			return m, m.runCurrent()
		}
	case pane.ConfirmedMsg:
		if a, ok := msg.Action.(commitAction); ok {
			return m, m.commit(a)
		}
	case tea.PasteMsg:
		switch {
		case m.prompt != nil:
			m.prompt.edit(msg)
		case !m.gridFocus:
			m.editor.Insert(msg.Content)
			m.pop, m.errAt = nil, -1
		}
	case tea.KeyPressMsg:
		if m.gridFocus {
			return m, m.gridKey(msg)
		}
		return m, m.editorKey(msg)
	}
	return m, nil
}

func (m *Model) handleEnvelope(env pane.Envelope) tea.Cmd {
	switch msg := env.Msg.(type) {
	case historyMsg:
		m.history = append(msg.lines, m.history...)
		m.histIdx = len(m.history)
		return nil
	case pane.StatusMsg:
		return func() tea.Msg { return msg }
	case completionsMsg:
		return m.handleCompletions(msg)
	case editorReadyMsg, editorDoneMsg, fileLoadedMsg, fileSavedMsg:
		return m.handleFile(msg)
	case commitDoneMsg:
		m.tx = m.d.Session.TxStatus()
		if msg.err != nil {
			m.messages = append(m.messages, "commit failed: "+msg.err.Error())
			return func() tea.Msg { return pane.StatusMsg{Err: msg.err} }
		}
		m.messages = append(m.messages, "COMMIT")
		return nil
	}
	if env.Seq != m.seq {
		return nil // a message of an earlier run
	}
	return m.handleRun(env.Msg)
}

// commit commits a held write and appends it to the audit log.
func (m *Model) commit(a commitAction) tea.Cmd {
	r, dir, info := m.runner, m.state, m.d.Info
	return pane.Run(pane.Query, m.seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := r.Commit(ctx); err != nil {
			return commitDoneMsg{err: err}
		}
		if dir != "" {
			e := AuditEntry{Time: time.Now(), User: info.User, Database: info.Database, Statement: a.sql, RowsAffected: a.rows}
			if err := appendAudit(dir, e); err != nil {
				return commitDoneMsg{err: fmt.Errorf("committed, but the audit log failed: %w", err)}
			}
		}
		return commitDoneMsg{}
	})
}
