package plan

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// handleFixKey takes the fix loop's keys in any view; false when msg is
// not one of them.
func (m *Model) handleFixKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	switch {
	case m.fix.prompting:
		return m.handlePromptKey(msg), true
	case m.fix.migView && key.Matches(msg, k.Back):
		m.fix.migView = false
		return nil, true
	case key.Matches(msg, k.Hypo):
		return m.tryHypo(), true
	case key.Matches(msg, k.Write):
		return m.write(""), true
	case key.Matches(msg, k.Save):
		return m.save(), true
	}
	return nil, false
}

// handlePromptKey edits the value of the next parameter; enter takes it,
// esc gives up on values and plans generically (no timings).
func (m *Model) handlePromptKey(msg tea.KeyPressMsg) tea.Cmd {
	f := &m.fix
	switch msg.String() {
	case "esc":
		f.prompting = false
		if len(f.values) == 0 {
			return m.runHypo(*f.st)
		}
		f.values = nil
		return nil
	case "enter":
		f.values = append(f.values, f.input)
		f.input = ""
		if len(f.values) < f.st.NParams {
			return nil
		}
		f.prompting = false
		st, err := fixloop.NewStatement(f.st.SQL, f.values)
		if err != nil {
			m.say(err, "the values do not fit the statement")
			return nil
		}
		return m.runHypo(st)
	case "backspace":
		if r := []rune(f.input); len(r) > 0 {
			f.input = string(r[:len(r)-1])
		}
	default:
		f.input += msg.Text
	}
	return nil
}

// handleFixResult takes the results of the fix loop's commands; false
// when msg is not one.
func (m *Model) handleFixResult(msg tea.Msg) (tea.Cmd, bool) {
	switch r := msg.(type) {
	case hypoMsg:
		m.busy, m.cancel = false, nil
		cmd := m.hypoDone(r)
		return tea.Batch(cmd, m.checkIndexes()), true
	case writtenMsg:
		m.busy, m.cancel = false, nil
		return m.written(r), true
	case savedMsg:
		if r.err != nil {
			m.say(r.err, "saving the session failed")
			return status("", fmt.Errorf("save the fix session: %w", r.err)), true
		}
		m.say(nil, "saved the session to %s", r.path)
		m.fix.savedTo = r.path
		return status("fix session saved to "+r.path, nil), true
	}
	return nil, false
}

func (m *Model) hypoDone(r hypoMsg) tea.Cmd {
	s := r.s
	if s.Before != nil {
		m.fix.session = s
		if st := s.Statement; len(st.Params) > 0 {
			m.fix.st = &st
		}
		m.title = "Fix: " + firstLine(s.Statement.SQL)
		m.setPlan(s.Before.Plan)
	}
	m.cmp, m.compareView, m.fix.cmpOf = nil, false, ""
	if r.err != nil {
		m.say(r.err, "the fix loop stopped")
		return status("", fmt.Errorf("fix loop: %w", r.err))
	}
	last := s.Last()
	m.say(nil, "%s", last.Message)
	if s.Ended() {
		m.fix.noteErr = true
		return status("fix loop: "+last.Message, nil)
	}
	if s.Hypo != nil && s.Hypo.Skipped != "" {
		return status("fix loop: "+last.Message, nil)
	}
	if r.cmp != nil {
		m.cmp, m.compareView, m.fix.cmpOf = r.cmp, true, "hypo"
		m.ccursor, m.coffset = 0, 0
	}
	return nil
}

func (m *Model) written(r writtenMsg) tea.Cmd {
	if r.needDir != "" {
		dir := r.needDir + "/migrations"
		return func() tea.Msg {
			return pane.ConfirmMsg{From: pane.Plan, Action: newDirAction{dir: dir},
				Question: fmt.Sprintf("No migrations folder found under %s. Write the migration into a new %s (golang-migrate files, which pgdeck's runner applies)?", r.needDir, dir)}
		}
	}
	if r.s != nil {
		m.fix.session = r.s
	}
	if r.err != nil {
		m.say(r.err, "the migration was not written")
		return status("", fmt.Errorf("write the migration: %w", r.err))
	}
	m.fix.migView = true
	m.say(nil, "%s", r.s.Last().Message)
	return tea.Batch(status(r.s.Last().Message, nil), handOver(r.s))
}

// receiveFix shows what the Migrations pane sends back: the statement
// planned again after the apply, compared with the plan before.
func (m *Model) receiveFix(fm pane.FixMsg) {
	s := fm.Session
	if s == nil {
		return
	}
	m.fix.session = s
	m.fix.migView = false
	if s.Verify == nil || s.Verify.After == nil {
		m.say(nil, "%s", s.Last().Message)
		m.fix.noteErr = s.Ended()
		return
	}
	m.title = "Fix verified: " + firstLine(s.Statement.SQL)
	m.setPlan(s.Verify.After.Plan)
	m.cmp, m.compareView, m.fix.cmpOf = s.Verify.Comparison, true, "verify"
	m.ccursor, m.coffset = 0, 0
	m.say(nil, "%s", s.Last().Message)
}

func status(text string, err error) tea.Cmd {
	return func() tea.Msg { return pane.StatusMsg{Text: text, Err: err} }
}

// promptLine is the parameter prompt.
func (m *Model) promptLine() string {
	f := m.fix
	s := m.styles
	n := len(f.values) + 1
	return s.Key.Render(fmt.Sprintf("$%d of %d = ", n, f.st.NParams)) + safetext.Display(f.input) + "█" +
		s.Muted.Render("  enter: next · esc: no values (generic plan, no timings)")
}
