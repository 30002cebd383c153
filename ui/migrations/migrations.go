// Package migrations is the Migrations pane: the migrations folder set
// against the database's history with a badge per migration, the selected
// file highlighted with its lint findings inline, and apply/revert through
// a confirmation.
package migrations

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// KeyMap is the pane's keys.
type KeyMap struct {
	Up, Down, Apply, Revert, Refresh key.Binding
}

// DefaultKeyMap returns the pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		Apply:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "apply up to the selected migration")),
		Revert:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "revert the last applied migration")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Apply, k.Revert, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the Migrations pane.
type Model struct {
	d       *db.DB
	dir     string
	styles  *theme.Styles
	keys    KeyMap
	timeout time.Duration

	width, height int
	seq           uint64
	loading       bool
	running       bool
	cancel        context.CancelFunc
	folder        migrate.Folder
	view          *migrate.View
	err           error
	sel           int

	// fix is the fix loop's session once the Plan pane wrote its
	// migration; selectVersion is selected when the folder is read again.
	fix           *fixloop.Session
	fixNote       string
	selectVersion string
}

// applyAction and revertAction are the confirm actions the root hands
// back in a ConfirmedMsg.
type applyAction struct{ n int }
type revertAction struct{}

type loadedMsg struct {
	folder migrate.Folder
	view   migrate.View
	err    error
}

type ranMsg struct {
	results []migrate.Result
	err     error
}

// New builds the pane. dir is the migrations folder (deps.MigrationsDir);
// empty means the usual places under the working directory.
func New(d *db.DB, dir string, styles *theme.Styles, keys KeyMap, timeout time.Duration) *Model {
	return &Model{d: d, dir: dir, styles: styles, keys: keys, timeout: timeout}
}

// ID implements pane.Pane.
func (m *Model) ID() pane.ID { return pane.Migrations }

// Title implements pane.Pane.
func (m *Model) Title() string { return "Migrations" }

// Init implements pane.Pane.
func (m *Model) Init() tea.Cmd { return m.fetch() }

// fetch reads the folder and the history in a command that captures
// values only.
func (m *Model) fetch() tea.Cmd {
	m.seq++
	m.loading = true
	d, dir, timeout := m.d, m.dir, m.timeout
	return pane.Run(pane.Migrations, m.seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		wd, _ := os.Getwd()
		found, err := migrate.FindDir(wd, dir)
		if err != nil {
			return loadedMsg{err: err}
		}
		folder, err := migrate.ReadFolder(found)
		if err != nil {
			return loadedMsg{err: err}
		}
		v, err := migrate.LoadView(ctx, d, folder)
		return loadedMsg{folder: folder, view: v, err: err}
	})
}

// run applies or reverts in a command on the runner's own connection.
func (m *Model) run(up bool, n int) tea.Cmd {
	if m.running {
		return nil
	}
	m.seq++
	m.running = true
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	cfg, folder, lockTimeout := m.d.Config(), m.folder, m.d.Config().LockTimeout
	return pane.Run(pane.Migrations, m.seq, func() tea.Msg {
		defer cancel()
		mg, err := db.OpenMigrator(ctx, cfg, migrate.HeadTable, migrate.HistoryTable)
		if err != nil {
			return ranMsg{err: err}
		}
		defer mg.Close()
		// The user confirmed (with the danger dialog when the linter
		// objects), so lint errors do not block here.
		o := migrate.RunOptions{N: n, AllowDangerous: true, LockWait: 5 * time.Second, LockTimeout: lockTimeout, By: "pgdeck console"}
		var res []migrate.Result
		if up {
			res, err = migrate.Up(ctx, mg, folder, o)
		} else {
			res, err = migrate.Down(ctx, mg, folder, o)
		}
		return ranMsg{results: res, err: err}
	})
}

// Update implements pane.Pane.
func (m *Model) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pane.Envelope:
		if fm, ok := msg.Msg.(pane.FixMsg); ok {
			return m, m.receiveFix(fm)
		}
		if msg.Seq != m.seq {
			return m, nil
		}
		return m, m.handleResult(msg.Msg)
	case pane.ConfirmedMsg:
		switch a := msg.Action.(type) {
		case applyAction:
			return m, m.run(true, a.n)
		case revertAction:
			return m, m.run(false, 1)
		case fixApplyAction:
			return m, m.runFix(a)
		}
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
		m.loading = false
		m.err = r.err
		if r.err != nil {
			return status("", r.err)
		}
		m.folder, m.view = r.folder, &r.view
		m.sel = min(m.sel, max(len(r.view.Entries)-1, 0))
		for i, e := range r.view.Entries {
			if m.selectVersion != "" && fixloop.SameVersion(e.Version, m.selectVersion) {
				m.sel, m.selectVersion = i, ""
			}
		}
	case fixAppliedMsg:
		return m.fixApplied(r)
	case ranMsg:
		m.running, m.cancel = false, nil
		text := fmt.Sprintf("%d migration(s) done", len(r.results))
		if len(r.results) > 0 {
			last := r.results[len(r.results)-1]
			verb := "applied"
			if last.Down {
				verb = "reverted"
			}
			text = fmt.Sprintf("%s %d migration(s), last %s %s", verb, len(r.results), last.Version, last.Name)
		}
		return tea.Batch(status(text, r.err), m.fetch())
	}
	return nil
}

func status(text string, err error) tea.Cmd {
	return func() tea.Msg { return pane.StatusMsg{Text: text, Err: err} }
}

// errReadOnly explains why apply and revert are refused.
var errReadOnly = errors.New("applying or reverting migrations changes the database: restart pgdeck with --read-write")
