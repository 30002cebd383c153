// Command pgdeck is a terminal console for PostgreSQL: schema, queries,
// plans, slow queries, index health, activity and migrations, each with a
// non-interactive twin for scripts and CI.
//
// This file is the only place that calls os.Exit. Every subcommand is
// wired here; the work lives in the packages it calls.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/internal/pgq"
)

// Stamped by the release build (-ldflags "-X main.version=…").
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// exitError carries an exit code chosen by a command (e.g. 1 when `check`
// finds something at or above --fail-on) with an optional message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the process exit code: 0 on
// success, 1 for a failed run or a gating result, 2 for a usage error.
func run(args []string) int { return runWith(args, os.Stdout, os.Stderr) }

// runWith is run with the output streams given, for tests.
func runWith(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "pgdeck:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "pgdeck:", err)
	if isUsageError(err) {
		return 2
	}
	return 1
}

func newRootCmd() *cobra.Command {
	cf := &connFlags{}
	root := &cobra.Command{
		Use:   "pgdeck [flags] [DSN]",
		Short: "A terminal console for PostgreSQL",
		Long: `pgdeck is a terminal console for PostgreSQL: schema, queries, plans,
slow queries, index health, activity and migrations.

DSN is a postgres:// URI or a libpq "key=value" string; anything it leaves
out comes from the PG* environment variables (PGHOST, PGPORT, PGUSER,
PGDATABASE, PGPASSWORD, PGSSLMODE, PGSERVICE, …), ~/.pgpass and the service
file, exactly as psql reads them. The console opens read-only unless
--read-write is given.`,
		Args:          cobra.MaximumNArgs(1),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConsole(cmd.Context(), cf, args)
		},
	}
	cf.register(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// Every subcommand is wired here; each lives in its cmd_*.go file.
	root.AddCommand(
		newVersionCmd(),
		newDemoCmd(cf),
		newQueryCmd(cf),
		newExplainCmd(cf),
		newCheckCmd(cf),
		newInspectCmd(cf),
		newMigrateCmd(cf),
		newFixCmd(cf),
		newRulesCmd(cf),
	)
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the pgdeck version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			v := "pgdeck " + version
			if commit != "" {
				v += " (" + commit
				if date != "" {
					v += ", " + date
				}
				v += ")"
			}
			fmt.Fprintln(cmd.OutOrStdout(), v+", parser: "+pgq.Backend)
		},
	}
}

// usageError marks a bad flag or argument, for exit code 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func isUsageError(err error) bool {
	var u usageError
	return errors.As(err, &u)
}
