package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/demo"
	"github.com/pgdeck/pgdeck/pgtmp"
)

// demoDatabase is the name of the sample database inside the throwaway
// server.
const demoDatabase = "pgdeck_demo"

func newDemoCmd(cf *connFlags) *cobra.Command {
	var serve bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start a throwaway PostgreSQL with a sample database and open the console",
		Long: `demo starts a throwaway PostgreSQL server from the local server programs,
loads a sample project-management database full of realistic problems
(a foreign key without an index, duplicate, unused and bloated indexes,
money in double precision, a table without a primary key, slow queries in
pg_stat_statements, pending and dangerous migrations…) and opens the
console on it. Quitting stops the server and removes all its files.

With --serve it prints the connection string as its first line of output
and keeps the server running until interrupted, so psql or a second
pgdeck can connect to it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), cf, serve, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().BoolVar(&serve, "serve", false, "keep the server running without the console; print its connection string first")
	return cmd
}

func runDemo(ctx context.Context, cf *connFlags, serve bool, stdout, stderr io.Writer) error {
	start := time.Now()
	say := func(format string, args ...any) { fmt.Fprintf(stderr, "pgdeck demo: "+format+"\n", args...) }
	say("starting a throwaway PostgreSQL…")
	srv, err := pgtmp.Start(ctx, pgtmp.Options{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	// Close runs on every exit path: quit, error, Ctrl-C and SIGTERM (the
	// context is cancelled by main's signal handler).
	defer func() {
		if err := srv.Close(); err != nil {
			say("stopping the server: %v", err)
		}
	}()
	for _, n := range srv.Notes {
		say("note: %s", n)
	}
	if err := createDatabase(ctx, srv.ConnString("postgres"), demoDatabase); err != nil {
		return err
	}
	dsn := srv.ConnString(demoDatabase)
	if err := demo.Load(ctx, dsn, func(step string) { say("%s", step) }); err != nil {
		return err
	}
	if err := enableHypoPG(ctx, dsn, say); err != nil {
		return err
	}
	say("running a sample workload…")
	if err := demo.Workload(ctx, dsn); err != nil {
		return err
	}
	migrations := filepath.Join(srv.Dir, "migrations")
	if err := demo.WriteMigrations(migrations); err != nil {
		return err
	}
	say("ready in %.1fs", time.Since(start).Seconds())
	if serve {
		fmt.Fprintln(stdout, dsn)
		say("migrations folder: %s", migrations)
		say("serving until interrupted (Ctrl-C or SIGTERM)")
		<-ctx.Done()
		say("stopping")
		return nil
	}
	d, err := cf.open(ctx, []string{dsn})
	if err != nil {
		return err
	}
	defer d.Close()
	return runUI(ctx, d, migrations)
}

// enableHypoPG creates the hypopg extension in the demo database when the
// server has it, so the fix loop can try hypothetical indexes; without it
// the progress lines say how the loop will go on.
func enableHypoPG(ctx context.Context, dsn string, say func(string, ...any)) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("demo: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var available bool
	if err := conn.QueryRow(ctx, "select exists (select 1 from pg_available_extensions where name = 'hypopg')").Scan(&available); err != nil {
		return fmt.Errorf("demo: look for hypopg: %w", err)
	}
	if !available {
		say("hypopg is not available on this server: the fix loop will skip hypothetical indexes (install the hypopg package for PostgreSQL to have them)")
		return nil
	}
	if _, err := conn.Exec(ctx, "create extension if not exists hypopg"); err != nil {
		return fmt.Errorf("demo: create extension hypopg: %w", err)
	}
	say("hypopg enabled: the fix loop can try hypothetical indexes")
	return nil
}

// createDatabase creates an empty database for the demo.
func createDatabase(ctx context.Context, adminDSN, name string) error {
	conn, err := pgx.Connect(ctx, adminDSN)
	if err != nil {
		return fmt.Errorf("demo: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("demo: create database: %w", err)
	}
	return nil
}

// stdoutIsTerminal reports whether stdout is a terminal (the console needs
// one; the twins print plain output otherwise).
func stdoutIsTerminal() bool {
	st, err := os.Stdout.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
