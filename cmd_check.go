package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/advise/schema"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/report"
)

// newCheckCmd is `pgdeck check`, the schema advisor's twin: it loads the
// catalog, runs the rules and exits non-zero when a finding reaches
// --fail-on, so it can gate CI.
func newCheckCmd(cf *connFlags) *cobra.Command {
	var format, failOn, disable string
	var system bool
	cmd := &cobra.Command{
		Use:   "check [DSN]",
		Short: "Review the schema for design mistakes, each with its SQL fix",
		Long: `check reads the database's catalog and reports schema design mistakes:
unindexed foreign keys, tables without a primary key, money in floats,
timestamps without time zone, duplicate and invalid indexes, sequences
running out of values and more (docs/rules.md explains every rule).

The exit status is 1 when a finding at or above --fail-on exists (default:
error), so check can gate CI. --disable takes a comma-separated list of
rule ids to skip.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := report.ParseFormat(format, report.Text, report.JSON)
			if err != nil {
				return usageError{err}
			}
			min, err := finding.ParseSeverity(failOn)
			if err != nil {
				return usageError{err}
			}
			off, err := finding.ParseDisabled(disable)
			if err != nil {
				return usageError{err}
			}
			d, err := cf.open(cmd.Context(), args)
			if err != nil {
				return err
			}
			defer d.Close()
			c, err := d.Catalog(cmd.Context(), db.CatalogOptions{System: system})
			if err != nil {
				return err
			}
			fs := schema.Findings(schema.Check(c, schema.Options{Disabled: off}))
			if err := writeCheck(cmd.OutOrStdout(), f, fs, c.Notes); err != nil {
				return err
			}
			for _, n := range c.Notes {
				fmt.Fprintln(cmd.ErrOrStderr(), "note:", n)
			}
			if w := finding.Worst(fs); w != "" && w.AtLeast(min) {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "text", "output format: text or json")
	fl.StringVar(&failOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or info")
	fl.StringVar(&disable, "disable", "", "comma-separated rule ids to skip (e.g. missing-timestamps,varchar-length)")
	fl.BoolVar(&system, "system", false, "also check the system schemas")
	return cmd
}

// checkReport is the JSON shape of `pgdeck check --format json`.
type checkReport struct {
	Findings []finding.Finding `json:"findings"`
	Notes    []string          `json:"notes"`
}

// writeCheck prints the findings as text (one line each, then its fix
// indented) or as one JSON document.
func writeCheck(w io.Writer, f report.Format, fs []finding.Finding, notes []string) error {
	if fs == nil {
		fs = []finding.Finding{}
	}
	if notes == nil {
		notes = []string{}
	}
	if f == report.JSON {
		return report.WriteJSON(w, checkReport{Findings: fs, Notes: notes})
	}
	var b strings.Builder
	for _, x := range fs {
		// Names come from the database: never write their control
		// characters to the terminal raw.
		b.WriteString(safetext.Display(x.String()))
		b.WriteByte('\n')
		if x.Fix != "" {
			b.WriteString("        fix: " + safetext.Display(x.Fix) + "\n")
		}
	}
	counts := map[finding.Severity]int{}
	for _, x := range fs {
		counts[x.Severity]++
	}
	fmt.Fprintf(&b, "%d finding(s): %d error, %d warning, %d info\n", len(fs), counts[finding.Error], counts[finding.Warning], counts[finding.Info])
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write findings: %w", err)
	}
	return nil
}
