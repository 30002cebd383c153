package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/report"
)

// fixFlags are the flags of `pgdeck fix`.
type fixFlags struct {
	query   string
	queryID string
	dir     string
	params  []string
	apply   bool
	format  string
	// includePending and allowDangerous let --apply run the migrations
	// pending before the fix too, lint errors and all.
	includePending bool
	allowDangerous bool
}

// newFixCmd is `pgdeck fix`: the fix loop without the console.
func newFixCmd(cf *connFlags) *cobra.Command {
	ff := &fixFlags{}
	cmd := &cobra.Command{
		Use:   "fix --query SQL | --queryid ID [DSN] [--dir DIR] [--param V]… [--apply] [--format text|json|markdown]",
		Short: "From a slow statement to a verified index: plan, hypothetical index, linted migration, apply, compare",
		Long: `fix walks the fix loop for one statement:

  1. plan it: EXPLAIN (ANALYZE, BUFFERS) inside BEGIN READ ONLY … ROLLBACK
     when it only reads and every $n has a value (--param, in order);
     a generic plan when values are missing; plain EXPLAIN for writes;
  2. find the index a finding proposes (seq-scan-filter, fk-missing-index),
     or say that it exists already and the cause is elsewhere;
  3. try it and its single- and two-column variants as hypothetical
     indexes with hypopg (skipped, with install advice, without hypopg);
  4. write the best as a migration in the folder's tool format
     (golang-migrate, dbmate, goose; pgdeck's own in a new folder),
     CREATE INDEX CONCURRENTLY outside a transaction with lock_timeout,
     a matching down, linted before it is written;
  5. with --apply (needs --read-write): run it with pgdeck's runner, check
     the index is valid, ANALYZE the table, run the statement again with
     the same values and compare the plans before and after.

With --apply it refuses while other migrations are pending before the fix;
--include-pending applies them first (and names them), --allow-dangerous
lets those with lint errors run.

Without --apply it stops after writing the migration. Exit status: 0 when
every step asked for ran, 1 when the flow stopped or failed (the report
says why and how to go on), 2 for bad flags or input.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runFix(cmd, cf, ff, args) },
	}
	f := cmd.Flags()
	f.StringVar(&ff.query, "query", "", "the statement to fix")
	f.StringVar(&ff.queryID, "queryid", "", "take the statement from pg_stat_statements by its queryid")
	f.StringVar(&ff.dir, "dir", "", "migrations folder, created when missing (default: the first of the usual folders that exists)")
	f.StringArrayVar(&ff.params, "param", nil, "value of $1, $2… in order (repeat the flag); none: generic plan")
	f.BoolVar(&ff.apply, "apply", false, "apply the migration and compare the plans (needs --read-write)")
	f.BoolVar(&ff.includePending, "include-pending", false, "with --apply, apply the migrations pending before the fix too (named in the report)")
	f.BoolVar(&ff.allowDangerous, "allow-dangerous", false, "with --include-pending, apply them even when the linter reports errors")
	f.StringVar(&ff.format, "format", "text", "output format: text, json or markdown")
	return cmd
}

func runFix(cmd *cobra.Command, cf *connFlags, ff *fixFlags, args []string) error {
	format, err := report.ParseFormat(ff.format, report.Text, report.JSON, report.Markdown)
	if err != nil {
		return usageError{err}
	}
	if (ff.query == "") == (ff.queryID == "") {
		return usageError{errors.New("give the statement with --query SQL or --queryid ID (one of them)")}
	}
	var qid *int64
	if ff.queryID != "" {
		v, err := strconv.ParseInt(ff.queryID, 10, 64)
		if err != nil {
			return usageError{fmt.Errorf("--queryid %q is not a 64-bit integer", safetext.Display(ff.queryID))}
		}
		qid = &v
	}
	dir, err := migrate.FindDir(".", ff.dir)
	if err != nil {
		return usageError{fmt.Errorf("%w (a folder given with --dir is created when missing)", err)}
	}
	if ff.apply && !cf.readWrite {
		// Checked again by the loop; said here before any work is done.
		fmt.Fprintln(cmd.ErrOrStderr(), "pgdeck fix: --apply needs --read-write: the flow will stop before applying")
	}
	ctx := cmd.Context()
	var st fixloop.Statement
	if qid == nil {
		if st, err = fixloop.NewStatement(ff.query, ff.params); err != nil {
			return usageError{err}
		}
	}
	d, err := cf.open(ctx, args)
	if err != nil {
		return err
	}
	defer d.Close()
	if qid != nil {
		if st, err = statementByID(ctx, d, *qid, ff.params); err != nil {
			return err
		}
	}
	s, runErr := fixloop.Run(ctx, d, st, fixloop.Options{
		Migration: fixloop.MigrationOptions{Dir: dir, LockTimeout: cf.lockTimeout},
		Apply: fixloop.ApplyOptions{LockTimeout: cf.lockTimeout, IncludePending: ff.includePending,
			AllowDangerous: ff.allowDangerous},
		DoApply: ff.apply,
	})
	if err := writeFix(cmd.OutOrStdout(), format, s); err != nil {
		return err
	}
	if runErr != nil {
		return &exitError{code: 1, err: fmt.Errorf("fix: %s", safetext.Display(runErr.Error()))}
	}
	if h := s.Hypo; h != nil && h.Skipped != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), "pgdeck fix: hypothetical step skipped: "+safetext.Display(h.Skipped))
	}
	return nil
}

// statementByID reads a normalised statement from pg_stat_statements.
func statementByID(ctx context.Context, d *db.DB, id int64, params []string) (fixloop.Statement, error) {
	texts, err := d.QueryTexts(ctx, []int64{id})
	if err != nil {
		return fixloop.Statement{}, fmt.Errorf("read the statement of queryid %d: %w", id, err)
	}
	sql, ok := texts[id]
	if !ok || sql == "" {
		return fixloop.Statement{}, usageError{fmt.Errorf("queryid %d is not in pg_stat_statements for this database (or its text is hidden from this role)", id)}
	}
	st, err := fixloop.NewStatement(sql, params)
	if err != nil {
		return st, usageError{err}
	}
	st.QueryID = &id
	return st, nil
}

func writeFix(w io.Writer, f report.Format, s *fixloop.Session) error {
	switch f {
	case report.JSON:
		return report.WriteJSON(w, fixloop.NewReport(s))
	case report.Markdown:
		return fixloop.WriteMarkdown(w, s)
	}
	return fixloop.WriteText(w, s)
}
