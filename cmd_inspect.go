package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/report"
)

// inspectDoc is the JSON shape of every `pgdeck inspect … --format json`.
type inspectDoc struct {
	Rows     any               `json:"rows"`
	Findings []finding.Finding `json:"findings"`
	Notes    []string          `json:"notes"`
}

// newInspectCmd is `pgdeck inspect`, the twin of the Slow, Indexes,
// Activity and Health panes.
func newInspectCmd(cf *connFlags) *cobra.Command {
	var format string
	var limit int
	var disable string
	cmd := &cobra.Command{
		Use:   "inspect slow|indexes|activity|health [DSN]",
		Short: "Print slow queries, index health, activity or health checks",
		Long: `inspect prints what the diagnostic panes show, for scripts and cron:

  slow      pg_stat_statements entries by total time
  indexes   index health findings: unused, duplicate, invalid, bloated
            indexes, foreign keys without an index, seq-scan heavy and
            bloated tables
  activity  backends with their blocking pids
  health    health checks with thresholds; exits 1 when one is critical

--format json prints {"rows": [...], "findings": [...], "notes": [...]}.`,
		Args:      cobra.RangeArgs(1, 2),
		ValidArgs: []string{"slow", "indexes", "activity", "health"},
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := report.ParseFormat(format, report.Text, report.JSON)
			if err != nil {
				return usageError{err}
			}
			what := args[0]
			if !slices.Contains([]string{"slow", "indexes", "activity", "health"}, what) {
				return usageError{fmt.Errorf("unknown report %q: want slow, indexes, activity or health", what)}
			}
			disabled, err := finding.ParseDisabled(disable)
			if err != nil {
				return usageError{err}
			}
			if limit < 0 {
				return usageError{fmt.Errorf("--limit must be 0 (no limit) or more")}
			}
			d, err := cf.open(cmd.Context(), args[1:])
			if err != nil {
				return err
			}
			defer d.Close()
			doc, text, err := inspect(cmd.Context(), d, what, limit)
			if err != nil {
				return err
			}
			doc.Findings = finding.Filter(doc.Findings, disabled)
			out := cmd.OutOrStdout()
			if f == report.JSON {
				if err := report.WriteJSON(out, doc); err != nil {
					return err
				}
			} else {
				text(out)
				for _, fd := range doc.Findings {
					fmt.Fprintln(out, safetext.Display(fd.String()))
					if fd.Fix != "" {
						fmt.Fprintln(out, "        fix:", safetext.Display(fd.Fix))
					}
				}
			}
			for _, n := range doc.Notes {
				fmt.Fprintln(cmd.ErrOrStderr(), "note:", n)
			}
			if h, ok := doc.Rows.([]db.Check); ok && (db.Health{Checks: h}).Worst() == db.Critical {
				return &exitError{code: 1, err: fmt.Errorf("a health check is critical")}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "text", "output format: text or json")
	fl.IntVar(&limit, "limit", 20, "at most this many rows (0: all)")
	fl.StringVar(&disable, "disable", "", "comma-separated rule ids not to report (see pgdeck rules)")
	return cmd
}

// inspect loads one report and returns it with its text renderer.
func inspect(ctx context.Context, d *db.DB, what string, limit int) (inspectDoc, func(io.Writer), error) {
	cut := func(n int) int {
		if limit > 0 && n > limit {
			return limit
		}
		return n
	}
	doc := inspectDoc{Findings: []finding.Finding{}, Notes: []string{}}
	switch what {
	case "slow":
		st, err := d.PGSSStatus(ctx)
		if err != nil {
			return doc, nil, err
		}
		if a := st.Advice(d.Info.Database); a != "" {
			return doc, nil, fmt.Errorf("%s", a)
		}
		rows, err := d.QueryStats(ctx)
		if err != nil {
			return doc, nil, err
		}
		slices.SortFunc(rows, func(a, b db.QueryStat) int { return cmp.Compare(b.TotalMs, a.TotalMs) })
		rows = rows[:cut(len(rows))]
		if err := d.FillTexts(ctx, rows, map[int64]string{}); err != nil {
			return doc, nil, err
		}
		doc.Rows = rows
		if !d.Info.SeesAllStats() {
			doc.Notes = append(doc.Notes, "other roles' query texts and ids are hidden: that needs superuser or pg_read_all_stats")
		}
		return doc, func(w io.Writer) { slowText(w, rows) }, nil
	case "indexes":
		h, err := d.IndexHealth(ctx, 0)
		if err != nil {
			return doc, nil, err
		}
		th := advise.DefaultThresholds()
		doc.Findings = h.Findings(th)
		doc.Rows = h.Indexes[:cut(len(h.Indexes))]
		doc.Notes = append(doc.Notes, h.Notes...)
		return doc, func(w io.Writer) {
			fmt.Fprintf(w, "Usage counted %s. Thresholds: %s\n", h.Since(), th)
		}, nil
	case "activity":
		a, err := d.Activity(ctx)
		if err != nil {
			return doc, nil, err
		}
		tree := db.BlockingTree(a.Backends)
		rows := make([]db.Backend, 0, len(tree))
		for _, r := range tree {
			if r.BlockedBy == nil {
				r.BlockedBy = []int32{}
			}
			rows = append(rows, r.Backend)
		}
		doc.Rows, doc.Notes = rows[:cut(len(rows))], append(doc.Notes, a.Notes...)
		return doc, func(w io.Writer) { activityText(w, tree[:cut(len(tree))]) }, nil
	}
	h, err := d.HealthWith(ctx, db.HealthOptions{ExactSize: true})
	if err != nil {
		return doc, nil, err
	}
	doc.Rows, doc.Notes = h.Checks, append(doc.Notes, h.Notes...)
	for _, s := range h.Raw.Sequences {
		if s.Used >= db.SequenceDegraded {
			doc.Findings = append(doc.Findings, finding.New("sequence-near-exhaustion", s.Name,
				fmt.Sprintf("sequence %s has used %.1f%% of its range", s.Name, s.Used*100), "-- alter the owning column and the sequence to bigint"))
		}
	}
	return doc, func(w io.Writer) { healthText(w, h.Checks) }, nil
}

func slowText(w io.Writer, rows []db.QueryStat) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "QUERYID\tCALLS\tTOTAL MS\tMEAN MS\tROWS\tQUERY")
	for _, r := range rows {
		id, q := "hidden", "(hidden: another role's statement)"
		if r.QueryID != nil {
			id, q = fmt.Sprint(int64(*r.QueryID)), oneLine(r.Query, 100)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.2f\t%d\t%s\n", id, r.Calls, r.TotalMs, r.MeanMs, r.Rows, q)
	}
	tw.Flush()
}

func activityText(w io.Writer, tree []db.TreeRow) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PID\tSTATE\tWAIT\tQUERY S\tBLOCKED BY\tQUERY")
	for _, r := range tree {
		secs := ""
		if r.QueryMs != nil {
			secs = fmt.Sprintf("%.1f", *r.QueryMs/1000)
		}
		fmt.Fprintf(tw, "%s%d\t%s\t%s\t%s\t%v\t%s\n", strings.Repeat("  ", r.Depth), r.PID, safetext.Display(r.State),
			safetext.Display(r.WaitEvent), secs, r.BlockedBy, oneLine(r.Query, 80))
	}
	tw.Flush()
}

func healthText(w io.Writer, checks []db.Check) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tCHECK\tVALUE\tTHRESHOLD")
	for _, c := range checks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Status, c.Check, safetext.Display(c.Value), c.Threshold)
	}
	tw.Flush()
}

// oneLine folds whitespace and cuts a statement for a table cell.
func oneLine(s string, n int) string {
	s = safetext.Display(strings.Join(strings.Fields(s), " "))
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
