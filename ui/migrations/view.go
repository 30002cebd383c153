package migrations

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/widget"
)

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.sel = max(m.sel-1, 0)
	case key.Matches(msg, m.keys.Down):
		if m.view != nil {
			m.sel = min(m.sel+1, max(len(m.view.Entries)-1, 0))
		}
	case key.Matches(msg, m.keys.Refresh):
		return m.fetch()
	case key.Matches(msg, m.keys.Apply) && m.fixSelected():
		return m.askFixApply()
	case key.Matches(msg, m.keys.Apply):
		return m.askApply()
	case key.Matches(msg, m.keys.Revert):
		return m.askRevert()
	}
	return nil
}

// writable says why writes are refused, or nil.
func (m *Model) writable() error {
	switch {
	case m.d.ReadOnly():
		return errReadOnly
	case m.d.PgBouncer():
		return db.ErrMigratePgBouncer
	case m.running:
		return fmt.Errorf("a migration is already running")
	}
	return nil
}

// askApply asks to apply the pending migrations up to the selected one
// (the next one when the selection is not pending).
func (m *Model) askApply() tea.Cmd {
	if m.view == nil {
		return nil
	}
	if err := m.writable(); err != nil {
		return status("", err)
	}
	var todo []migrate.Entry
	for i, e := range m.view.Entries {
		if e.State == migrate.Pending && (i <= m.sel || len(todo) == 0) {
			todo = append(todo, e)
		}
	}
	if len(todo) == 0 {
		return status("nothing to apply: no pending migration", nil)
	}
	var dangers []string
	for _, e := range todo {
		if m.view.Dangerous(e.Version) {
			dangers = append(dangers, e.Version)
		}
	}
	last := todo[len(todo)-1]
	q := fmt.Sprintf("Apply %d migration(s), up to %s %s?", len(todo), last.Version, safetext.Display(last.Name))
	if len(dangers) > 0 {
		q += " The linter reports errors in " + strings.Join(dangers, ", ") + ": they may lock or rewrite live tables."
	}
	return func() tea.Msg {
		return pane.ConfirmMsg{From: pane.Migrations, Question: q, Danger: len(dangers) > 0, Action: applyAction{n: len(todo)}}
	}
}

// askRevert asks to revert the last applied migration.
func (m *Model) askRevert() tea.Cmd {
	if m.view == nil {
		return nil
	}
	if err := m.writable(); err != nil {
		return status("", err)
	}
	var last *migrate.Entry
	for i := range m.view.Entries {
		if e := &m.view.Entries[i]; e.State == migrate.Applied && e.File != nil {
			last = e
		}
	}
	if last == nil {
		return status("nothing to revert: no applied migration with a file", nil)
	}
	q := fmt.Sprintf("Revert migration %s %s with its down file? It may drop tables or columns and their data.", last.Version, safetext.Display(last.Name))
	return func() tea.Msg {
		return pane.ConfirmMsg{From: pane.Migrations, Question: q, Danger: true, Action: revertAction{}}
	}
}

// SetSize implements pane.Pane.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Focus implements pane.Pane.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements pane.Pane.
func (m *Model) Blur() {}

// KeyMap implements pane.Pane.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing implements pane.Pane.
func (m *Model) Capturing() bool { return false }

// Busy implements pane.Pane: a running migration can be cancelled.
func (m *Model) Busy() bool { return m.running }

// View implements pane.Pane.
func (m *Model) View() string {
	st := m.styles
	var lines []string
	switch {
	case m.view == nil && m.err != nil:
		lines = append(lines, st.Error.Render("Could not read the migrations: ")+safetext.Display(m.err.Error()))
	case m.view == nil:
		lines = append(lines, st.Muted.Render("Loading…"))
	default:
		lines = m.body()
	}
	return fit(lines, m.width, m.height)
}

func (m *Model) body() []string {
	st, v := m.styles, m.view
	head := safetext.Display(v.History.Describe()) + " · folder " + safetext.Display(v.Dir)
	lines := append(m.fixLines(), st.Muted.Render(head))
	if m.d.ReadOnly() {
		lines = append(lines, st.Muted.Render("read-only: restart with --read-write to apply or revert"))
	}
	if m.running {
		lines = append(lines, st.Warning.Render("running… (Esc cancels)"))
	}
	listH := max(3, m.height/3)
	first := max(0, min(m.sel-listH/2, len(v.Entries)-listH))
	for i := first; i < len(v.Entries) && i < first+listH; i++ {
		lines = append(lines, m.row(i))
	}
	if len(v.Entries) == 0 {
		lines = append(lines, st.Muted.Render("no migrations"))
		return lines
	}
	return append(append(lines, ""), m.detail(v.Entries[m.sel])...)
}

// badge renders a migration's state.
func (m *Model) badge(e migrate.Entry) string {
	st := m.styles
	label := fmt.Sprintf("%-8s", e.State)
	switch e.State {
	case migrate.Applied:
		return st.OK.Render(label)
	case migrate.Pending:
		return st.Info.Render(label)
	case migrate.Changed, migrate.Missing:
		return st.Warning.Render(label)
	}
	return st.Error.Render(label)
}

func (m *Model) row(i int) string {
	e := m.view.Entries[i]
	line := fmt.Sprintf("%s %-15s %s", m.badge(e), safetext.Display(e.Version), safetext.Display(e.Name))
	if e.File != nil && e.File.NoTx {
		line += m.styles.Muted.Render("  no transaction")
	}
	if e.State == migrate.Pending && m.view.Dangerous(e.Version) {
		line += "  " + m.styles.Error.Render("DANGEROUS")
	}
	if i == m.sel {
		return m.styles.Selected.Render("> " + ansi.Strip(line))
	}
	return "  " + line
}

// detail shows the selected migration's findings, then its file.
func (m *Model) detail(e migrate.Entry) []string {
	st := m.styles
	var lines []string
	if r := e.Record; r != nil && r.AppliedAt != nil {
		s := "applied " + r.AppliedAt.Format("2006-01-02 15:04:05")
		if r.AppliedBy != nil {
			s += " by " + safetext.Display(*r.AppliedBy)
		}
		lines = append(lines, st.Muted.Render(s))
	}
	if e.State == migrate.Changed {
		lines = append(lines, st.Warning.Render("the file changed since it was applied (checksum differs)"))
	}
	for _, f := range m.view.Findings[e.Version] {
		sev := st.Warning
		if f.Severity == finding.Error {
			sev = st.Error
		}
		msg := f.Message
		if f.Impact != "" {
			msg = strings.TrimSuffix(msg, " — "+f.Impact)
		}
		lines = append(lines, fmt.Sprintf("%s %s line %d: %s", sev.Render(string(f.Severity)), f.Rule, f.Line, safetext.Display(msg)))
		if f.Impact != "" {
			// The live facts on their own line, so a narrow pane does not
			// cut them off the end of the message.
			lines = append(lines, "    "+st.Warning.Render(safetext.Display(f.Impact)))
		}
		if f.Fix != "" {
			lines = append(lines, "    fix: "+safetext.Display(f.Fix))
		}
	}
	if e.File == nil {
		return append(lines, st.Muted.Render("no file for this version in the folder"))
	}
	lines = append(lines, st.Title.Render(safetext.Display(e.File.UpPath)))
	return append(lines, widget.HighlightSQLBlock(e.File.Up, widget.SQLBlockStyles{
		Keyword: st.Key, String: st.OK, Number: st.Info, Comment: st.Muted, Name: st.Bold,
	})...)
}

// fit cuts lines to the pane's rectangle.
func fit(lines []string, w, h int) string {
	if h >= 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}
