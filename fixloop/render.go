package fixloop

import (
	"fmt"
	"io"
	"strings"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// esc shows control characters escaped: statements, filters and server
// messages are data, never terminal input.
func esc(s string) string { return safetext.Block(s) }

// WriteText prints a session for a terminal: each step as it ended, then
// the details a reader needs to trust it.
func WriteText(w io.Writer, s *Session) error {
	var b strings.Builder
	for i, e := range s.Log {
		fmt.Fprintf(&b, "%d. %-12s %-7s %s\n", i+1, e.Step, e.Status, esc(e.Message))
	}
	if p := s.Proposals; p != nil && len(p.Findings)+len(p.Related) > 0 {
		b.WriteString("\nfindings:\n")
		for _, f := range p.Findings {
			fmt.Fprintf(&b, "  %-7s %-22s %s\n", f.Severity, f.Rule, esc(f.Message))
		}
		for _, f := range p.Related {
			fmt.Fprintf(&b, "  %-7s %-22s %s\n", f.Severity, f.Rule, esc(f.Message))
		}
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "  note: %s\n", esc(n))
		}
	}
	if h := s.Hypo; h != nil && len(h.Tried) > 0 {
		b.WriteString("\nhypothetical indexes (estimated cost before → after):\n")
		for _, t := range h.Tried {
			mark := "  "
			if h.Best != nil && h.Best.same(t.Candidate) {
				mark = "* "
			}
			if t.Err != "" {
				fmt.Fprintf(&b, "  %s%-40s error: %s\n", mark, esc(t.String()), esc(t.Err))
				continue
			}
			used := "used"
			if !t.Hypo.Used {
				used = "not used"
			}
			fmt.Fprintf(&b, "  %s%-40s %10.2f → %10.2f  %s\n", mark, esc(t.String()), t.Hypo.BeforeCost, t.Hypo.AfterCost, used)
		}
	}
	if m := s.Migration; m != nil {
		for _, f := range m.Files {
			fmt.Fprintf(&b, "\n--- %s\n%s", esc(f.Path), esc(f.Text))
		}
	}
	if v := s.Verify; v != nil {
		b.WriteString("\nbefore → after:\n")
		if err := explain.WriteCompareText(&b, v.Comparison); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown renders the whole session for a pull request or a
// ticket: the statement, the findings, the hypothetical costs, the
// migration, and the plans before and after with their timings.
func WriteMarkdown(w io.Writer, s *Session) error {
	var b strings.Builder
	f := fence(s.Statement.SQL)
	b.WriteString("## pgdeck fix\n\n**Statement**\n\n" + f + "sql\n" + esc(s.Statement.SQL) + "\n" + f + "\n\n")
	if len(s.Statement.Params) > 0 {
		b.WriteString("**Parameters:** ")
		for i, p := range s.Statement.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "`$%d` = `%s`", i+1, strings.ReplaceAll(esc(p), "`", "'"))
		}
		b.WriteString("\n\n")
	}
	b.WriteString("**Steps**\n\n")
	for i, e := range s.Log {
		fmt.Fprintf(&b, "%d. **%s** (%s): %s\n", i+1, e.Step, e.Status, mdText(e.Message))
	}
	if p := s.Proposals; p != nil && len(p.Related) > 0 {
		b.WriteString("\n**Table findings**\n\n")
		for _, f := range p.Related {
			fmt.Fprintf(&b, "- **%s** `%s`: %s\n", f.Severity, f.Rule, mdText(f.Message))
		}
	}
	if h := s.Hypo; h != nil && len(h.Tried) > 0 {
		b.WriteString("\n**Hypothetical indexes** (hypopg, estimated)\n\n| index | cost before | cost after | used |\n|:--|--:|--:|:--|\n")
		for _, t := range h.Tried {
			name := mdText(t.String())
			if h.Best != nil && h.Best.same(t.Candidate) {
				name = "**" + name + "** (best)"
			}
			fmt.Fprintf(&b, "| %s | %.2f | %.2f | %v |\n", name, t.Hypo.BeforeCost, t.Hypo.AfterCost, t.Hypo.Used)
		}
	} else if h != nil && h.Skipped != "" {
		b.WriteString("\n**Hypothetical indexes:** skipped — " + mdText(h.Skipped) + "\n")
	}
	if m := s.Migration; m != nil {
		for _, f := range m.Files {
			fc := fence(f.Text)
			fmt.Fprintf(&b, "\n**Migration** `%s`\n\n%ssql\n%s%s\n", mdText(f.Path), fc, esc(f.Text), fc)
		}
	}
	if s.Before != nil {
		b.WriteString("\n### Before\n\n")
		if err := explain.WriteMarkdown(&b, s.Before.Plan, s.Proposals.findingsOrNil()); err != nil {
			return err
		}
	}
	if v := s.Verify; v != nil {
		b.WriteString("\n### After\n\n")
		if err := explain.WriteMarkdown(&b, v.After.Plan, nil); err != nil {
			return err
		}
		b.WriteString("\n### Comparison\n\n```\n")
		if err := explain.WriteCompareText(&b, v.Comparison); err != nil {
			return err
		}
		b.WriteString("```\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (p *Proposals) findingsOrNil() []explain.PlanFinding {
	if p == nil {
		return nil
	}
	return p.Findings
}

// mdText keeps a message on its line and out of Markdown's way.
func mdText(s string) string {
	s = esc(s)
	return strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "`", "'").Replace(s)
}

// fence is a code fence longer than any run of backticks in s, so a
// statement cannot close its own block.
func fence(s string) string {
	f := "```"
	for strings.Contains(s, f) {
		f += "`"
	}
	return f
}
