package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/report"
)

// newMigrateCmd is the `migrate` parent: lint works offline; status, up,
// down, new and force live in cmd_migrate_run.go.
func newMigrateCmd(cf *connFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Inspect, lint and apply schema migrations",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newMigrateLintCmd(cf), newMigrateStatusCmd(cf), newMigrateUpCmd(cf), newMigrateDownCmd(cf),
		newMigrateNewCmd(), newMigrateForceCmd(cf))
	return cmd
}

func newMigrateLintCmd(cf *connFlags) *cobra.Command {
	var dir, format, dsn, disable string
	cmd := &cobra.Command{
		Use:   "lint [FILES…] [--dir DIR] [--dsn DSN]",
		Short: "Check migration files for statements that lock or break a live database",
		Long: `lint reads migration files offline — golang-migrate (NNN_name.up.sql),
goose (-- +goose Up), dbmate (-- migrate:up), Flyway (V1__name.sql) or plain
SQL — and reports, for each dangerous statement, the lock it takes, why it
hurts and the safe way to do the same thing. Down migrations are skipped.

Exempt one statement with a comment naming the rule next to it:
  -- pgdeck:ignore drop-column

With --dsn, lint also reads from the database the type of each column a
statement changes and the size and row count of every table it touches
(the planner's figures: nothing is scanned or locked), and estimates how
long a statement that scans or rewrites a whole table holds its lock —
an order of magnitude from assumed throughputs (sequential scan 200 MB/s,
rewrite 40 MB/s, index build 60 MB/s). Above 30 s it recommends a
maintenance window.

Exit status: 0 when no finding is an error, 1 when one is (for CI), 2 on
bad usage.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := report.ParseFormat(format, report.Text, report.JSON)
			if err != nil {
				return usageError{err}
			}
			paths, err := migrationFiles(args, dir)
			if err != nil {
				return err
			}
			var connect func() (*db.DB, error)
			if cmd.Flags().Changed("dsn") {
				connect = func() (*db.DB, error) { return cf.open(cmd.Context(), []string{dsn}) }
			}
			disabled, err := finding.ParseDisabled(disable)
			if err != nil {
				return usageError{err}
			}
			return runMigrateLint(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), paths, f, connect, disabled)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "folder of migration files (default: the first of "+strings.Join(migrate.UsualDirs, ", ")+")")
	cmd.Flags().StringVar(&dsn, "dsn", "", "connect to this database for live facts (column types, table sizes, lock time estimates); \"\" uses the PG* environment")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&disable, "disable", "", "comma-separated rule ids not to report (see pgdeck rules); one statement: -- pgdeck:ignore RULE")
	return cmd
}

// migrationFiles lists the files to lint: those named, else every .sql
// file under dir (or the first usual folder that exists), in version order.
func migrationFiles(args []string, dir string) ([]string, error) {
	if len(args) > 0 && dir != "" {
		return nil, usageError{errors.New("give files or --dir, not both")}
	}
	if len(args) > 0 {
		return args, nil
	}
	if dir == "" {
		d, err := migrate.FindDir(".", "")
		if err != nil {
			return nil, usageError{fmt.Errorf("no migration files given and %w", err)}
		}
		dir = d
	}
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".sql") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read migrations folder: %w", err)
	}
	slices.SortFunc(paths, func(a, b string) int { return migration.CompareNames(filepath.Base(a), filepath.Base(b)) })
	return paths, nil
}

// runMigrateLint lints the files and writes the report; parse errors are
// collected so one broken file does not hide the findings in the others.
// connect, when not nil, opens the database whose live facts the lint
// uses (read in one read-only transaction).
func runMigrateLint(ctx context.Context, out, errw io.Writer, paths []string, format report.Format, connect func() (*db.DB, error), disabled map[string]bool) error {
	var srcs []migration.Source
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read migration: %w", err)
		}
		if src, ok := migration.ReadSource(p, string(b)); ok {
			srcs = append(srcs, src)
		}
	}
	var all []migration.Finding
	var parseErrs []error
	lint := func(facts migration.Facts) {
		all, parseErrs = nil, nil
		for _, src := range srcs {
			fs, err := migration.LintSource(src, migration.Options{Facts: facts})
			if err != nil {
				parseErrs = append(parseErrs, err)
				continue
			}
			all = append(all, fs...)
		}
	}
	if connect == nil {
		lint(nil)
	} else {
		d, err := connect()
		if err != nil {
			return err
		}
		defer d.Close()
		err = d.Read(ctx, func(q db.Querier) error {
			facts, err := migrate.LoadFacts(ctx, q, srcs)
			if err != nil {
				return err
			}
			lint(facts)
			return nil
		})
		if err != nil {
			return fmt.Errorf("lint with live facts: %w", err)
		}
	}
	linted := len(srcs)
	all = finding.Without(all, disabled, func(f migration.Finding) string { return f.Rule })
	if all == nil {
		all = []migration.Finding{}
	}
	var err error
	if format == report.JSON {
		err = report.WriteJSON(out, struct {
			Findings []migration.Finding `json:"findings"`
		}{all})
	} else {
		err = writeLintText(out, all, linted)
	}
	if err != nil {
		return err
	}
	for _, pe := range parseErrs {
		fmt.Fprintln(errw, "pgdeck: cannot parse", safetext.Display(pe.Error()))
	}
	var worst finding.Severity
	for _, f := range all {
		if f.Severity.Rank() > worst.Rank() {
			worst = f.Severity
		}
	}
	switch {
	case len(parseErrs) > 0:
		return &exitError{code: 1, err: fmt.Errorf("%d migration file(s) could not be parsed", len(parseErrs))}
	case worst == finding.Error:
		return &exitError{code: 1}
	}
	return nil
}

func writeLintText(w io.Writer, fs []migration.Finding, files int) error {
	var b strings.Builder
	count := map[finding.Severity]int{}
	for _, f := range fs {
		count[f.Severity]++
		b.WriteString(safetext.Display(f.String()))
		b.WriteByte('\n')
		if f.Fix != "" {
			fmt.Fprintf(&b, "    fix: %s\n", safetext.Display(f.Fix))
		}
		for i, s := range f.Steps {
			fmt.Fprintf(&b, "    %d. %s\n", i+1, safetext.Display(s))
		}
	}
	if len(fs) == 0 {
		fmt.Fprintf(&b, "no findings in %d migration file(s)\n", files)
	} else {
		fmt.Fprintf(&b, "%d finding(s) in %d migration file(s): %d error, %d warning, %d info\n",
			len(fs), files, count[finding.Error], count[finding.Warning], count[finding.Info])
	}
	_, err := io.WriteString(w, b.String())
	return err
}
