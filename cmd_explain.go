package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/report"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/plan"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// explainFlags are the flags of `pgdeck explain`.
type explainFlags struct {
	format        string
	compare       bool
	save          string
	command       string
	noAnalyze     bool
	analyzeWrites bool
	verbose       bool
	timeout       time.Duration
	disable       string
}

// newExplainCmd is `pgdeck explain`: the plan viewer's non-interactive
// twin. It reads a saved plan (text or JSON, as printed by PostgreSQL,
// psql or auto_explain) or runs EXPLAIN on a database.
func newExplainCmd(cf *connFlags) *cobra.Command {
	ef := &explainFlags{}
	cmd := &cobra.Command{
		Use:   "explain [FILE|-] | -c SQL [DSN] | --compare BEFORE AFTER",
		Short: "Analyse a query plan: exclusive times, misestimates, findings with fixes",
		Long: `explain reads EXPLAIN output in TEXT or JSON format (detected), as
PostgreSQL 12–18 prints it, as pasted from psql, or as auto_explain logs it,
from FILE or stdin (-), and prints the analysed tree and the findings. It
needs no database.

With -c it runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) on the database
given by DSN (or the PG* environment) inside BEGIN … ROLLBACK with a
statement and lock timeout. A statement that changes data is not run under
ANALYZE unless the connection is --read-write and --analyze-writes confirms
it; --no-analyze gives plain EXPLAIN.

--compare BEFORE AFTER aligns two plans of one statement (either may be
plain EXPLAIN) and says what changed. --save FILE writes a bundle (the
statement, the plan, the server version and planner settings) that
'pgdeck explain FILE' reopens.`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(cmd, cf, ef, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&ef.format, "format", "", "output format: text, json or markdown (default text)")
	f.BoolVar(&ef.compare, "compare", false, "compare two plans: --compare BEFORE AFTER")
	f.StringVar(&ef.save, "save", "", "write the plan as a bundle to FILE")
	f.StringVarP(&ef.command, "command", "c", "", "SQL statement to explain on the database")
	f.BoolVar(&ef.noAnalyze, "no-analyze", false, "with -c: plain EXPLAIN, without running the statement")
	f.BoolVar(&ef.analyzeWrites, "analyze-writes", false, "with -c and --read-write: allow EXPLAIN ANALYZE of a data-changing statement (rolled back)")
	f.BoolVar(&ef.verbose, "verbose", false, "with -c: EXPLAIN VERBOSE and SETTINGS")
	f.StringVar(&ef.disable, "disable", "", "comma-separated rule ids not to report (see pgdeck rules)")
	f.DurationVar(&ef.timeout, "timeout", db.DefaultExplainTimeout, "with -c: statement timeout of the explained statement")
	return cmd
}

func runExplain(cmd *cobra.Command, cf *connFlags, ef *explainFlags, args []string) error {
	disabled, err := finding.ParseDisabled(ef.disable)
	if err != nil {
		return usageError{err}
	}
	format, err := explainFormat(ef.format)
	if err != nil {
		return usageError{err}
	}
	out := cmd.OutOrStdout()
	if ef.compare {
		if len(args) != 2 || ef.command != "" {
			return usageError{errors.New("--compare takes two plan files: --compare BEFORE AFTER")}
		}
		return explainCompare(cmd.Context(), cmd.InOrStdin(), out, format, ef.format != "", args[0], args[1])
	}
	if len(args) > 1 {
		return usageError{errors.New("give one plan file (or - for stdin), or -c SQL with one DSN")}
	}
	var (
		src    string
		bundle *explain.Bundle
		opts   explain.Options
		// ex is the database the viewer may consult (existing indexes);
		// nil for a saved plan.
		ex plan.Explainer
	)
	if ef.command != "" {
		d, err := cf.open(cmd.Context(), args)
		if err != nil {
			return err
		}
		defer d.Close()
		if src, bundle, err = explainOnDB(cmd.Context(), d, ef); err != nil {
			return &exitError{code: 1, err: err}
		}
		opts.Indexes = indexLookup(cmd.Context(), d)
		ex = d
	} else {
		name := "-"
		if len(args) == 1 {
			name = args[0]
		}
		if src, err = readPlanSource(cmd.InOrStdin(), name); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	p, saved, err := explain.ParseSource(src)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if bundle == nil {
		bundle = saved
	}
	if ef.save != "" {
		if err := saveBundle(ef.save, src, p, bundle); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	if ef.format == "" && isTerminal(out) {
		return viewPlan(cmd.Context(), ex, pane.OpenPlanMsg{Source: src, SQL: p.QueryText, Title: "pgdeck explain"})
	}
	fs := finding.Without(explain.Findings(p, opts), disabled, func(f explain.PlanFinding) string { return f.Rule })
	switch format {
	case report.JSON:
		return report.WriteJSON(out, explain.NewReport(p, fs))
	case report.Markdown:
		return explain.WriteMarkdown(out, p, fs)
	}
	return explain.WriteText(out, p, fs)
}

// explainFormat resolves --format. Without it a terminal will get the Plan
// pane; until then, and whenever stdout is not a terminal, text.
func explainFormat(s string) (report.Format, error) {
	if s == "" {
		return report.Text, nil
	}
	return report.ParseFormat(s, report.Text, report.JSON, report.Markdown)
}

// maxPlanFile bounds what is read from a file or stdin.
const maxPlanFile = 256 << 20

func readPlanSource(stdin io.Reader, name string) (string, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("read plan: %w", err)
		}
		defer f.Close()
		r = f
	} else if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return "", errors.New("no plan given: pass a file, pipe one into -, or use -c SQL")
		}
	}
	b, err := io.ReadAll(io.LimitReader(r, maxPlanFile+1))
	if err != nil {
		return "", fmt.Errorf("read plan %s: %w", name, err)
	}
	if len(b) > maxPlanFile {
		return "", fmt.Errorf("read plan %s: larger than %d MiB", name, maxPlanFile>>20)
	}
	return string(b), nil
}

func explainCompare(ctx context.Context, stdin io.Reader, out io.Writer, format report.Format, explicitFormat bool, before, after string) error {
	if before == "-" && after == "-" {
		return usageError{errors.New("only one of BEFORE and AFTER can be stdin")}
	}
	var plans [2]*explain.Plan
	for i, name := range []string{before, after} {
		src, err := readPlanSource(stdin, name)
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		if plans[i], _, err = explain.ParseSource(src); err != nil {
			return &exitError{code: 1, err: fmt.Errorf("%s: %w", name, err)}
		}
	}
	if format == report.Text && isTerminal(out) && !explicitFormat {
		b, _ := readPlanSource(stdin, before)
		a, _ := readPlanSource(stdin, after)
		return viewPlan(ctx, nil, pane.OpenPlanMsg{Source: a, Before: b, Title: "pgdeck explain --compare"})
	}
	c := explain.Compare(plans[0], plans[1])
	switch format {
	case report.JSON:
		return report.WriteJSON(out, explain.NewCompareReport(c))
	case report.Markdown:
		if _, err := io.WriteString(out, "```\n"); err != nil {
			return err
		}
		if err := explain.WriteCompareText(out, c); err != nil {
			return err
		}
		_, err := io.WriteString(out, "```\n")
		return err
	}
	return explain.WriteCompareText(out, c)
}

// explainOnDB runs EXPLAIN for -c and returns the JSON plan with a bundle
// describing where it came from.
func explainOnDB(ctx context.Context, d *db.DB, ef *explainFlags) (string, *explain.Bundle, error) {
	o := db.ExplainOptions{
		Analyze: !ef.noAnalyze, Buffers: !ef.noAnalyze, Verbose: ef.verbose, Settings: ef.verbose,
		AnalyzeWrites: ef.analyzeWrites, StatementTimeout: ef.timeout,
	}
	src, err := d.Explain(ctx, ef.command, o)
	if err != nil {
		return "", nil, err
	}
	b := &explain.Bundle{Statement: ef.command, Plan: src, ServerVersion: d.Info.Version, CapturedAt: time.Now().UTC().Format(time.RFC3339)}
	if ef.save != "" {
		if b.Settings, err = d.ExplainSettings(ctx); err != nil {
			return "", nil, err
		}
	}
	return src, b, nil
}

// indexLookup gives the findings the existing indexes of a relation, so
// that an index that exists already is not proposed again. Errors leave
// the lookup empty: the finding then proposes the index as offline.
func indexLookup(ctx context.Context, d *db.DB) func(schema, rel string) [][]string {
	return explain.IndexLookup(func(schema, rel string) ([][]string, error) {
		return d.IndexColumns(ctx, schema, rel)
	}, nil)
}

// saveBundle writes the plan as a bundle; a plan read from a file keeps
// the statement it carried, if any.
func saveBundle(path, src string, p *explain.Plan, b *explain.Bundle) error {
	if b == nil {
		b = &explain.Bundle{Statement: p.QueryText, Plan: src, CapturedAt: time.Now().UTC().Format(time.RFC3339)}
	}
	body, err := b.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		return fmt.Errorf("save bundle: %w", err)
	}
	return nil
}

// isTerminal reports whether w is a terminal, where a plan opens in the
// Plan pane rather than printing.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// viewPlan shows a plan in the Plan pane alone, connected to ex when
// the plan came from a database (nil otherwise), until
// the user quits with q or ctrl+c.
func viewPlan(ctx context.Context, ex plan.Explainer, msg pane.OpenPlanMsg) error {
	_, noColor := os.LookupEnv("NO_COLOR")
	p := plan.New(ex, theme.NewStyles(true, noColor), plan.DefaultKeyMap(), 0)
	_, first := p.Update(msg) // with a database: the existing-index check
	p.Focus()
	if _, err := tea.NewProgram(planViewer{p: p, first: first}, tea.WithContext(ctx)).Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("plan viewer: %w", err)
	}
	return nil
}

// planViewer is the root model of the stand-alone plan viewer: it owns
// the window size and the quit keys and hands everything else to the pane.
type planViewer struct {
	p     *plan.Model
	first tea.Cmd
}

func (v planViewer) Init() tea.Cmd { return v.first }

func (v planViewer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.p.SetSize(msg.Width, msg.Height)
		return v, nil
	case tea.KeyPressMsg:
		if k := msg.String(); k == "ctrl+c" || (k == "q" && !v.p.Capturing()) {
			return v, tea.Quit
		}
	}
	_, cmd := v.p.Update(msg)
	return v, cmd
}

func (v planViewer) View() tea.View {
	tv := tea.NewView(v.p.View())
	tv.AltScreen = true
	return tv
}
