package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/migrate"
	"github.com/pgdeck/pgdeck/report"
)

// runFlags are the flags up and down share.
type runFlags struct {
	dir            string
	format         string
	allowDangerous bool
	allowNonAtomic bool
	yes            bool
	lockWait       time.Duration
}

func (rf *runFlags) register(cmd *cobra.Command, formats bool) {
	cmd.Flags().StringVar(&rf.dir, "dir", "", "migrations folder (default: the first of "+strings.Join(migrate.UsualDirs, ", ")+")")
	if formats {
		cmd.Flags().StringVar(&rf.format, "format", "text", "output format: text or json")
	}
	cmd.Flags().DurationVar(&rf.lockWait, "lock-wait", 10*time.Second, "how long to wait for another migration runner to finish")
}

// countArg splits `[N] [DSN]`: a leading all-digit argument is N.
func countArg(args []string) (int, []string, error) {
	if len(args) > 0 && args[0] != "" && strings.Trim(args[0], "0123456789") == "" {
		n, err := strconv.Atoi(args[0])
		if err != nil || n <= 0 {
			return 0, nil, usageError{fmt.Errorf("bad count %q", args[0])}
		}
		return n, args[1:], nil
	}
	return 0, args, nil
}

func readFolder(dir string, required bool) (migrate.Folder, error) {
	d, err := migrate.FindDir(".", dir)
	if err != nil {
		if required {
			return migrate.Folder{}, usageError{err}
		}
		return migrate.Folder{}, nil
	}
	return migrate.ReadFolder(d)
}

func newMigrateStatusCmd(cf *connFlags) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "status [DSN] [--dir DIR]",
		Short: "Show which migrations are applied, pending, dirty, missing or changed",
		Long: `status finds the migration history tables of the database by their shape
(golang-migrate, dbmate, goose, Flyway, Alembic, Django, Rails, Prisma,
Drizzle, Knex, sqlx, Atlas and pgdeck's own), compares the one that
belongs to the folder with the folder's files (checksums as each tool
computes them), and lints the pending files against the live catalog.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := report.ParseFormat(rf.format, report.Text, report.JSON)
			if err != nil {
				return usageError{err}
			}
			folder, err := readFolder(rf.dir, false)
			if err != nil {
				return err
			}
			d, err := cf.open(cmd.Context(), args)
			if err != nil {
				return err
			}
			defer d.Close()
			v, err := migrate.LoadView(cmd.Context(), d, folder)
			if err != nil {
				return err
			}
			if f == report.JSON {
				return report.WriteJSON(cmd.OutOrStdout(), v)
			}
			return writeEscapedLines(cmd.OutOrStdout(), v.Text())
		},
	}
	rf.register(cmd, true)
	return cmd
}

// openMigrator opens the database (which detects PgBouncer) and then the
// runner's own connection from the same settings.
func openMigrator(ctx context.Context, cf *connFlags, args []string) (*db.Migrator, func(), error) {
	if !cf.readWrite {
		return nil, nil, usageError{errors.New("migrations change the database: run with --read-write")}
	}
	d, err := cf.open(ctx, args)
	if err != nil {
		return nil, nil, err
	}
	m, err := db.OpenMigrator(ctx, d.Config(), migrate.HeadTable, migrate.HistoryTable)
	d.Close()
	if err != nil {
		return nil, nil, err
	}
	return m, m.Close, nil
}

func runOptions(cf *connFlags, rf *runFlags, n int, out io.Writer) migrate.RunOptions {
	by := ""
	if u, err := user.Current(); err == nil {
		by = u.Username
	}
	if h, err := os.Hostname(); err == nil {
		by += "@" + h
	}
	return migrate.RunOptions{N: n, AllowDangerous: rf.allowDangerous, AllowNonAtomic: rf.allowNonAtomic, LockWait: rf.lockWait,
		LockTimeout: cf.lockTimeout, By: by,
		Progress: func(r migrate.Result) {
			verb, how := "applied", ""
			if r.Down {
				verb = "reverted"
			}
			if r.NoTx {
				how = " (outside a transaction)"
			}
			fmt.Fprintf(out, "%s %s %s in %.1f ms%s\n", verb, r.Version, safetext.Display(r.Name), float64(r.Took.Microseconds())/1000, how)
		}}
}

// runError turns the runner's errors into words and exit codes.
func runError(errw io.Writer, err error) error {
	var be *migrate.BlockedError
	if errors.As(err, &be) {
		for _, f := range be.Findings {
			fmt.Fprintln(errw, safetext.Display(f.String()))
			if f.Fix != "" {
				fmt.Fprintf(errw, "    fix: %s\n", safetext.Display(f.Fix))
			}
		}
	}
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	return nil
}

func newMigrateUpCmd(cf *connFlags) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "up [N] [DSN] --read-write",
		Short: "Apply pending migrations (golang-migrate compatible)",
		Long: `up applies the pending migrations of a golang-migrate folder in order (at
most N), each in its own transaction with lock_timeout set (a file with
CREATE INDEX CONCURRENTLY or the like runs outside one), under an
advisory lock shared with golang-migrate so two runners never interleave.
It keeps golang-migrate's schema_migrations current and records version,
checksum, duration and who in pgdeck_migrations. Lint errors in pending
files block it unless --allow-dangerous. A file that mixes such a
no-transaction statement with others cannot be applied all or nothing and
is refused unless --allow-non-atomic. Refused through PgBouncer.`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, args, err := countArg(args)
			if err != nil {
				return err
			}
			folder, err := readFolder(rf.dir, true)
			if err != nil {
				return err
			}
			m, done, err := openMigrator(cmd.Context(), cf, args)
			if err != nil {
				return err
			}
			defer done()
			res, err := migrate.Up(cmd.Context(), m, folder, runOptions(cf, &rf, n, cmd.OutOrStdout()))
			if err == nil && len(res) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "nothing to apply: the database is up to date")
			}
			return runError(cmd.ErrOrStderr(), err)
		},
	}
	rf.register(cmd, false)
	cmd.Flags().BoolVar(&rf.allowDangerous, "allow-dangerous", false, "apply migrations even when the linter reports errors")
	cmd.Flags().BoolVar(&rf.allowNonAtomic, "allow-non-atomic", false, "apply a file that mixes CREATE INDEX CONCURRENTLY (or another no-transaction statement) with other statements, statement by statement")
	return cmd
}

func newMigrateDownCmd(cf *connFlags) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "down [N] [DSN] --read-write",
		Short: "Revert the last N applied migrations (default 1) with their down files",
		Args:  cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, args, err := countArg(args)
			if err != nil {
				return err
			}
			n = max(n, 1)
			folder, err := readFolder(rf.dir, true)
			if err != nil {
				return err
			}
			if !rf.yes {
				fmt.Fprintf(cmd.ErrOrStderr(), "Revert the last %d applied migration(s) of %s? Their down files drop what they created. [y/N] ", n, folder.Dir)
				line, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" {
					return &exitError{code: 1, err: errors.New("not reverted (answer y, or pass --yes)")}
				}
			}
			m, done, err := openMigrator(cmd.Context(), cf, args)
			if err != nil {
				return err
			}
			defer done()
			_, err = migrate.Down(cmd.Context(), m, folder, runOptions(cf, &rf, n, cmd.OutOrStdout()))
			return runError(cmd.ErrOrStderr(), err)
		},
	}
	rf.register(cmd, false)
	cmd.Flags().BoolVar(&rf.yes, "yes", false, "do not ask for confirmation")
	return cmd
}

func newMigrateNewCmd() *cobra.Command {
	var dir, tool string
	cmd := &cobra.Command{
		Use:   "new NAME [--dir DIR] [--tool golang-migrate|goose|dbmate|flyway]",
		Short: "Create the files of a new migration, in the folder's own format, with the next version",
		Long: `new writes an empty migration in the format the folder already uses:
golang-migrate's NNN_name.up.sql/.down.sql pair (next number, same width),
goose's file with -- +goose Up/Down (a timestamp, or the next number when
the folder numbers its files), dbmate's -- migrate:up/down file (a
timestamp), or Flyway's V<n>__name.sql (Flyway has no down). --tool picks
the format of a folder that has no migrations yet (default golang-migrate).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := migrate.FindDir(".", dir)
			if err != nil {
				d = "migrations"
			}
			paths, err := migrate.New(d, args[0], migrate.NewOptions{Tool: migrate.Tool(tool)})
			if err != nil {
				return usageError{err}
			}
			for _, p := range paths {
				fmt.Fprintf(cmd.OutOrStdout(), "created %s\n", safetext.Display(p))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "migrations folder (default: the usual places, else migrations/)")
	cmd.Flags().StringVar(&tool, "tool", "", "file format for a folder without migrations yet: golang-migrate, goose, dbmate or flyway")
	return cmd
}

func newMigrateForceCmd(cf *connFlags) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "force VERSION [DSN] --read-write",
		Short: "Set the applied version after cleaning up a dirty migration by hand (-1: none)",
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || v < -1 {
				return usageError{fmt.Errorf("bad version %q", args[0])}
			}
			m, done, err := openMigrator(cmd.Context(), cf, args[1:])
			if err != nil {
				return err
			}
			defer done()
			if err := migrate.Force(cmd.Context(), m, v, runOptions(cf, &rf, 0, cmd.OutOrStdout())); err != nil {
				return &exitError{code: 1, err: err}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "version set to %d\n", v)
			return nil
		},
	}
	rf.register(cmd, false)
	return cmd
}

// writeEscapedLines writes text line by line with control characters
// escaped, keeping the line breaks.
func writeEscapedLines(w io.Writer, text string) error {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		b.WriteString(safetext.Display(strings.TrimSuffix(line, "\n")))
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
