package plan

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// fixNote is the loop's last message, as the footer of the tree.
func (m *Model) fixNote() string {
	s := m.styles
	st := s.Info
	if m.fix.noteErr {
		st = s.Error
	}
	return s.Key.Render("fix ") + st.Render(safetext.Display(m.fix.note))
}

// fixCompareLines head the compare view when it shows the fix loop's
// plans: the estimate with the hypothetical index, or the real plans
// before and after the migration.
func (m *Model) fixCompareLines() []string {
	s := m.styles
	se := m.fix.session
	if se == nil {
		return nil
	}
	var saved []string
	if m.fix.savedTo != "" {
		saved = []string{s.Info.Render("saved the session to " + safetext.Display(m.fix.savedTo))}
	}
	k := m.keys
	switch {
	case m.fix.cmpOf == "hypo" && se.Hypo != nil && se.Hypo.Best != nil:
		b := se.Hypo.Best
		line := fmt.Sprintf("Hypothetical index %s: estimated cost %.2f → %.2f", b.String(), b.Hypo.BeforeCost, b.Hypo.AfterCost)
		if b.Hypo.AfterCost > 0 {
			line += fmt.Sprintf(" (%.1f× lower)", b.Hypo.BeforeCost/b.Hypo.AfterCost)
		}
		out := []string{s.OK.Render(safetext.Display(line))}
		out = append(out, s.Muted.Render(fmt.Sprintf("best of %d candidate(s) · %s: write it as a migration · %s: save the session",
			len(se.Hypo.Tried), k.Write.Help().Key, k.Save.Help().Key)))
		return append(out, saved...)
	case m.fix.cmpOf == "verify" && se.Verify != nil:
		return append(m.verifyLines(se), saved...)
	}
	return nil
}

func (m *Model) verifyLines(se *fixloop.Session) []string {
	s := m.styles
	v := se.Verify
	head := "Applied"
	if se.Migration != nil {
		head += " " + se.Migration.UpPath()
	}
	parts := []string{head}
	if b, a := se.Before.ExecutionMS(), v.After.ExecutionMS(); b != nil && a != nil {
		parts = append(parts, fmt.Sprintf("execution %.2f ms → %.2f ms", *b, *a))
	}
	if b, a := rootBuffers(se.Before), rootBuffers(v.After); b >= 0 && a >= 0 {
		parts = append(parts, fmt.Sprintf("buffers %d → %d", b, a))
	}
	out := []string{s.OK.Render(safetext.Display(strings.Join(parts, " · ")))}
	if v.Changed != nil {
		out = append(out, s.Info.Render(safetext.Display("changed: "+v.Changed.Before.Label()+" → "+v.Changed.After.Label())))
	} else {
		out = append(out, s.Warning.Render("no node changed type: the planner kept its plan"))
	}
	return append(out, s.Muted.Render(m.keys.Save.Help().Key+": save the session as Markdown"))
}

// rootBuffers is the plan's shared buffers (hit + read), -1 without them.
func rootBuffers(r *fixloop.PlanResult) int64 {
	if r == nil || r.Plan == nil || r.Plan.Root == nil || r.Plan.Root.Buffers == nil {
		return -1
	}
	b := r.Plan.Root.Buffers
	return b.SharedHit + b.SharedRead
}

// migrationLines show the written migration, its lint verdict, and where
// to go on.
func (m *Model) migrationLines() []string {
	s := m.styles
	mg := m.fix.session.Migration
	lint := s.OK.Render("lint clean")
	if n := len(mg.Lint); n > 0 {
		worst := finding.Info
		for _, f := range mg.Lint {
			if f.Severity == finding.Warning {
				worst = finding.Warning
			}
		}
		lint = s.Warning.Render(fmt.Sprintf("lint: no errors, %d %s note(s)", n, worst))
	}
	out := []string{s.Title.Render("Migration") + " " + lint + s.Muted.Render(fmt.Sprintf(" · %s format · esc: back · apply it in the Migrations pane", mg.Target.Format))}
	for _, f := range mg.Files {
		out = append(out, "", s.Bold.Render("--- "+safetext.Display(f.Path)))
		for _, l := range strings.Split(strings.TrimRight(f.Text, "\n"), "\n") {
			out = append(out, safetext.Display(l))
		}
	}
	return out
}
