package main

import (
	"context"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui"
	"github.com/pgdeck/pgdeck/ui/config"
)

// connFlags are the connection flags every database command shares.
type connFlags struct {
	readWrite        bool
	statementTimeout time.Duration
	lockTimeout      time.Duration
	pgbouncer        bool
}

func (cf *connFlags) register(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.BoolVar(&cf.readWrite, "read-write", false, "allow writes (by default every transaction is read-only)")
	f.DurationVar(&cf.statementTimeout, "statement-timeout", db.DefaultStatementTimeout, "time limit for pgdeck's own diagnostic queries (your statements are not limited; cancel them with ctrl+c)")
	f.DurationVar(&cf.lockTimeout, "lock-timeout", db.DefaultLockTimeout, "lock wait limit for pgdeck's own diagnostic queries")
	f.BoolVar(&cf.pgbouncer, "pgbouncer", false, "connect through PgBouncer in transaction pooling mode (detected automatically when it rejects a startup parameter)")
}

// config turns the flags and an optional DSN argument into a db.Config.
func (cf *connFlags) config(args []string) db.Config {
	c := db.Config{
		ReadWrite:        cf.readWrite,
		StatementTimeout: cf.statementTimeout,
		LockTimeout:      cf.lockTimeout,
		PgBouncer:        cf.pgbouncer,
	}
	if len(args) > 0 {
		c.DSN = args[0]
	}
	return c
}

// open connects with the flags and the DSN in args[0] (or the PG*
// environment when there is none).
func (cf *connFlags) open(ctx context.Context, args []string) (*db.DB, error) {
	return db.Open(ctx, cf.config(args))
}

// runConsole opens the interactive console on a database.
func runConsole(ctx context.Context, cf *connFlags, args []string) error {
	d, err := cf.open(ctx, args)
	if err != nil {
		return err
	}
	defer d.Close()
	return runUI(ctx, d, "")
}

// runUI runs the console until the user quits; bubbletea restores the
// terminal on every exit path, panics included.
func runUI(ctx context.Context, d *db.DB, migrationsDir string) error {
	cfg, err := config.Load(config.Path())
	if err != nil {
		return err
	}
	keys := ui.DefaultKeyMap()
	if err := cfg.Apply("global", &keys); err != nil {
		return err
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	m := ui.New(ui.Deps{DB: d, NoColor: noColor, Dark: cfg.Theme != "light", ThemeForced: cfg.Theme != "", Keys: keys, Config: cfg, MigrationsDir: migrationsDir})
	p := tea.NewProgram(m, tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}
