package plan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// fixTimeout bounds one step of the fix loop run from the pane: planning
// (with ANALYZE), the findings and up to eight hypothetical plans.
const fixTimeout = 2 * time.Minute

// fixState is the fix loop as the Plan pane holds it: the statement of the
// plan shown, the session so far, the parameter prompt and what to show.
type fixState struct {
	d   *db.DB
	dir string // the console's migrations folder; empty: look for one

	sql     string             // the statement of the plan shown
	st      *fixloop.Statement // nil when the statement is refused
	stErr   error
	session *fixloop.Session
	// cmpOf says what the compare view holds: "hypo" (estimated, with the
	// hypothetical index) or "verify" (the real plans, before and after).
	cmpOf string

	prompting bool // asking for the values of $1, $2…
	values    []string
	input     string

	savedTo string // where the session was last saved
	migView bool   // the written migration is shown
	note    string // the last thing the loop said
	noteErr bool
}

// Results of the fix loop's commands.
type (
	hypoMsg struct {
		s   *fixloop.Session
		cmp *explain.Comparison
		err error
	}
	writtenMsg struct {
		s       *fixloop.Session
		needDir string // no folder found under this directory
		err     error
	}
	savedMsg struct {
		path string
		err  error
	}
)

// newDirAction is the confirmation to write into a new migrations/.
type newDirAction struct{ dir string }

// WithFixLoop gives the pane the database and migrations folder the fix
// loop needs (h, w, s); dir empty means the usual folders under the
// working directory.
func (m *Model) WithFixLoop(d *db.DB, dir string) *Model {
	m.fix.d, m.fix.dir = d, dir
	return m
}

// Statement returns the statement the fix loop works on, if any.
func (m *Model) Statement() (fixloop.Statement, bool) {
	if m.fix.st == nil {
		return fixloop.Statement{}, false
	}
	return *m.fix.st, true
}

// Session returns the fix loop's session so far, or nil.
func (m *Model) Session() *fixloop.Session { return m.fix.session }

// keepStatement remembers the statement of a newly shown plan; a new
// statement starts a new session.
func (m *Model) keepStatement(sql string, params []string) {
	f := &m.fix
	if sql == f.sql && f.st != nil {
		return
	}
	f.sql, f.st, f.stErr, f.session, f.cmpOf = sql, nil, nil, nil, ""
	f.migView, f.note, f.noteErr, f.savedTo = false, "", false, ""
	if sql == "" {
		f.stErr = errors.New("this plan came without its statement")
		return
	}
	st, err := fixloop.NewStatement(sql, params)
	if err != nil {
		f.stErr = err
		return
	}
	f.st = &st
}

func (m *Model) say(err error, format string, args ...any) {
	m.fix.note, m.fix.noteErr = fmt.Sprintf(format, args...), err != nil
	if err != nil {
		m.fix.note += ": " + err.Error()
	}
}

// tryHypo starts the fix loop on the statement: values for its
// parameters first when it has some, then plan, findings, hypopg.
func (m *Model) tryHypo() tea.Cmd {
	f := &m.fix
	switch {
	case f.d == nil:
		m.say(errors.New("no database connection"), "the fix loop needs the database")
		return nil
	case f.st == nil:
		m.say(f.stErr, "no statement to fix")
		return nil
	case f.st.Generic():
		f.prompting, f.values, f.input = true, nil, ""
		return nil
	}
	return m.runHypo(*f.st)
}

func (m *Model) runHypo(st fixloop.Statement) tea.Cmd {
	m.seq++
	ctx, cancel := context.WithTimeout(context.Background(), fixTimeout)
	m.cancel, m.busy, m.err = cancel, true, nil
	m.say(nil, "planning the statement and trying hypothetical indexes…")
	d := m.fix.d
	return pane.Run(pane.Plan, m.seq, func() tea.Msg {
		defer cancel()
		s := &fixloop.Session{Statement: st}
		if err := s.RunPlan(ctx, d); err != nil {
			return hypoMsg{s: s, err: err}
		}
		if err := s.RunFindings(ctx, d); err != nil || s.Ended() {
			return hypoMsg{s: s, err: err}
		}
		if err := s.RunHypothetical(ctx, d); err != nil {
			return hypoMsg{s: s, err: err}
		}
		var cmp *explain.Comparison
		var err error
		if s.Hypo.Best != nil {
			cmp, err = s.Hypo.Best.Compare()
		}
		return hypoMsg{s: s, cmp: cmp, err: err}
	})
}

// write renders, lints and writes the chosen index as a migration.
func (m *Model) write(dir string) tea.Cmd {
	s := m.fix.session
	if s == nil || m.fix.d == nil {
		m.say(nil, "nothing to write yet: press %s to find and try the index first", m.keys.Hypo.Help().Key)
		return nil
	}
	if _, ok := s.Chosen(); !ok {
		m.say(nil, "nothing to write yet: press %s to find and try the index first", m.keys.Hypo.Help().Key)
		return nil
	}
	if s.Migration != nil && s.Migration.Written {
		m.fix.migView = true
		return handOver(s)
	}
	if dir == "" {
		dir = m.fix.dir
	}
	m.seq++
	ctx, cancel := context.WithTimeout(context.Background(), fixTimeout)
	m.cancel, m.busy = cancel, true
	d, s := m.fix.d, s.Clone()
	return pane.Run(pane.Plan, m.seq, func() tea.Msg {
		defer cancel()
		if dir == "" {
			wd, err := os.Getwd()
			if err != nil {
				return writtenMsg{err: fmt.Errorf("find the migrations folder: %w", err)}
			}
			if dir, err = migrate.FindDir(wd, ""); err != nil {
				return writtenMsg{needDir: wd}
			}
		}
		err := s.RunMigration(ctx, d, fixloop.MigrationOptions{Dir: dir, LockTimeout: d.Config().LockTimeout})
		return writtenMsg{s: s, err: err}
	})
}

// save writes the session as Markdown in the working directory.
func (m *Model) save() tea.Cmd {
	s := m.fix.session
	if s == nil {
		m.say(nil, "no fix session to save yet: press %s first", m.keys.Hypo.Help().Key)
		return nil
	}
	m.seq++
	return pane.Run(pane.Plan, m.seq, func() tea.Msg {
		name := "pgdeck-fix-" + time.Now().Format("20060102-150405") + ".md"
		wd, err := os.Getwd()
		if err != nil {
			return savedMsg{err: err}
		}
		path := filepath.Join(wd, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return savedMsg{err: err}
		}
		werr := fixloop.WriteMarkdown(f, s)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return savedMsg{path: path, err: werr}
	})
}

// handOver sends the session to the Migrations pane and focuses it.
func handOver(s *fixloop.Session) tea.Cmd {
	return tea.Batch(
		func() tea.Msg { return pane.Envelope{To: pane.Migrations, Msg: pane.FixMsg{Session: s}} },
		func() tea.Msg { return pane.FocusMsg{To: pane.Migrations} },
	)
}
