package migrations

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// fixApplyAction is the confirmation to apply the fix loop's migration;
// withPending adds the migrations pending before it (a second question).
// allowDangerous, a third and distinct question naming each lint error,
// lets those earlier migrations run despite them.
type fixApplyAction struct{ withPending, allowDangerous bool }

// fixAppliedMsg is the session after the apply and the verification.
type fixAppliedMsg struct {
	s   *fixloop.Session
	err error
}

// Fix returns the fix loop's session the pane holds, or nil.
func (m *Model) Fix() *fixloop.Session { return m.fix }

// receiveFix takes the session the Plan pane hands over once it wrote
// the migration: the folder is read again and the new file selected.
func (m *Model) receiveFix(fm pane.FixMsg) tea.Cmd {
	s := fm.Session
	if s == nil || s.Migration == nil {
		return nil
	}
	m.fix = s
	if m.dir == "" {
		m.dir = s.Migration.Target.Dir
	}
	m.selectVersion = s.Migration.Version
	return m.fetch()
}

// fixSelected reports whether the selection is the fix's migration, not
// applied yet.
func (m *Model) fixSelected() bool {
	if m.fix == nil || m.fix.Migration == nil || m.fix.Apply != nil && m.fix.Apply.Failed == "" || m.view == nil || m.sel >= len(m.view.Entries) {
		return false
	}
	return fixloop.SameVersion(m.view.Entries[m.sel].Version, m.fix.Migration.Version)
}

// askFixApply asks to apply the fix; read-only mode says how to go on.
func (m *Model) askFixApply() tea.Cmd {
	if m.d.ReadOnly() {
		m.fixNote = fmt.Sprintf("read-only mode: the migration is written but not applied. To continue, restart pgdeck with --read-write and apply it here (or run `pgdeck migrate up --dir %s --read-write`)", m.fix.Migration.Target.Dir)
		return status("", errors.New(m.fixNote))
	}
	if err := m.writable(); err != nil {
		return status("", err)
	}
	q := fmt.Sprintf("Apply %s (%s) and run the statement again to compare the plans?", safetext.Display(filepath.Base(m.fix.Migration.UpPath())), safetext.Display(m.fix.Migration.Index.CreateSQL()))
	return func() tea.Msg {
		return pane.ConfirmMsg{From: pane.Migrations, Question: q, Action: fixApplyAction{}}
	}
}

// runFix applies the fix with the loop's checks, then plans the statement
// again, on a copy of the session.
func (m *Model) runFix(a fixApplyAction) tea.Cmd {
	if m.running || m.fix == nil {
		return nil
	}
	m.seq++
	m.running = true
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	m.cancel = cancel
	d, s := m.d, m.fix.Clone()
	o := fixloop.ApplyOptions{LockTimeout: d.Config().LockTimeout, By: "pgdeck console",
		IncludePending: a.withPending, AllowDangerous: a.allowDangerous}
	return pane.Run(pane.Migrations, m.seq, func() tea.Msg {
		defer cancel()
		err := s.RunApply(ctx, d, o)
		return fixAppliedMsg{s: s, err: err}
	})
}

// fixApplied shows the outcome; when the statement was planned again the
// session goes to the Plan pane for the before/after comparison.
func (m *Model) fixApplied(r fixAppliedMsg) tea.Cmd {
	m.running, m.cancel = false, nil
	var stop *fixloop.StopError
	if errors.As(r.err, &stop) && len(stop.Pending) > 0 {
		m.fixNote = stop.Reason
		q := fmt.Sprintf("%d migration(s) are pending before the fix: %s. Apply them first, then the fix? Lint errors in them are asked about next.",
			len(stop.Pending), safetext.Display(strings.Join(stop.Pending, ", ")))
		return func() tea.Msg {
			return pane.ConfirmMsg{From: pane.Migrations, Question: q, Danger: true, Action: fixApplyAction{withPending: true}}
		}
	}
	if errors.As(r.err, &stop) && len(stop.Findings) > 0 {
		m.fixNote = stop.Reason
		q := fmt.Sprintf("The linter reports errors in the pending migrations:\n  %s\nApply them anyway, dangerous as they are?",
			safetext.Display(strings.Join(stop.Findings, "\n  ")))
		return func() tea.Msg {
			return pane.ConfirmMsg{From: pane.Migrations, Question: q, Danger: true, Action: fixApplyAction{withPending: true, allowDangerous: true}}
		}
	}
	m.fix = r.s
	m.fixNote = r.s.Last().Message
	if r.err != nil || r.s.Verify == nil {
		return tea.Batch(status("", fmt.Errorf("fix: %s", r.s.Last().Message)), m.fetch())
	}
	s := r.s
	return tea.Batch(status("fix applied and verified", nil), m.fetch(),
		func() tea.Msg { return pane.Envelope{To: pane.Plan, Msg: pane.FixMsg{Session: s}} },
		func() tea.Msg { return pane.FocusMsg{To: pane.Plan} })
}

// fixLines head the pane while it holds the fix loop's migration.
func (m *Model) fixLines() []string {
	if m.fix == nil || m.fix.Migration == nil {
		return nil
	}
	st := m.styles
	mg := m.fix.Migration
	lint := st.OK.Render("lint clean")
	if n := len(mg.Lint); n > 0 {
		lint = st.Warning.Render(fmt.Sprintf("lint: no errors, %d note(s)", n))
	}
	out := []string{st.Key.Render("fix ") + safetext.Display(mg.UpPath()) + " · " + lint}
	switch {
	case m.fixNote != "":
		style := st.Info
		if m.fix.Ended() || m.d.ReadOnly() && m.fix.Apply == nil {
			style = st.Error
		}
		out = append(out, style.Render(safetext.Display(m.fixNote)))
	case m.fix.Apply == nil:
		out = append(out, st.Muted.Render(m.keys.Apply.Help().Key+" on it: apply it, then run the statement again and compare the plans"))
	}
	return out
}
