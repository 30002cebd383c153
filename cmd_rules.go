package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/report"
)

// ruleRow is one rule as `pgdeck rules --format json` prints it.
type ruleRow struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Areas    []string `json:"areas"`
	Summary  string   `json:"summary"`
}

func newRulesCmd(_ *connFlags) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule id pgdeck can report, with its default severity",
		Long: `rules lists the rule ids the schema advisor, the plan analyser, the
diagnostics and the migration linter share (one concern, one id). Use an id
with --disable (pgdeck check) or a "-- pgdeck:ignore ID" comment (migrations).
The reasoning behind each rule is in docs/rules.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := report.ParseFormat(format, report.Text, report.JSON)
			if err != nil {
				return usageError{err}
			}
			return writeRules(cmd.OutOrStdout(), f, finding.Rules())
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func writeRules(w io.Writer, f report.Format, rules []finding.Rule) error {
	rows := make([]ruleRow, len(rules))
	for i, r := range rules {
		areas := make([]string, len(r.Areas))
		for j, a := range r.Areas {
			areas[j] = string(a)
		}
		rows[i] = ruleRow{Rule: r.ID, Severity: string(r.Severity), Areas: areas, Summary: r.Summary}
	}
	if f == report.JSON {
		return report.WriteJSON(w, map[string]any{"rules": rows})
	}
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "%-36s %-8s %-34s %s\n", r.Rule, r.Severity, strings.Join(r.Areas, ","), r.Summary); err != nil {
			return err
		}
	}
	return nil
}
