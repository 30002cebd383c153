// Package db is pgdeck's thin layer over pgx: it opens the two kinds of
// connection the console needs — one dedicated session for the user's own
// statements, and a small pool for background diagnostics — and offers
// typed functions over embedded SQL. It knows nothing of the UI.
package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// AppName is the application_name every pgdeck connection reports, so a
// DBA sees pgdeck's own sessions in pg_stat_activity.
const AppName = "pgdeck"

// Defaults for Config fields left zero.
const (
	DefaultStatementTimeout = 10 * time.Second
	DefaultLockTimeout      = 2 * time.Second
	DefaultConnectTimeout   = 10 * time.Second
	diagnosticPoolSize      = 3
)

// Config says how to connect.
type Config struct {
	// DSN is a postgres:// URI or a libpq key=value string; what it leaves
	// out comes from PG* variables, ~/.pgpass and the service file, as
	// libpq does. Empty means "all from the environment".
	DSN string
	// ReadWrite allows writes. Otherwise every session defaults to
	// read-only transactions.
	ReadWrite bool
	// StatementTimeout and LockTimeout bound pgdeck's own diagnostic
	// queries (never the user's statements, which are cancellable instead).
	StatementTimeout time.Duration
	LockTimeout      time.Duration
	// PgBouncer selects transaction-pooling compatibility: no named
	// prepared statements, no startup parameters PgBouncer rejects, and
	// read-only enforced per transaction.
	PgBouncer bool
}

// DB is an open connection to one database.
type DB struct {
	Session *Session
	Info    Info
	cfg     Config
	pool    *pgxpool.Pool
}

// Open connects the session and the diagnostics pool and reads the server
// facts. If the server turns out to be PgBouncer in transaction mode
// (it rejects our startup parameters), Open retries in PgBouncer mode and
// says so in Info.Notes.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.StatementTimeout <= 0 {
		cfg.StatementTimeout = DefaultStatementTimeout
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = DefaultLockTimeout
	}
	d, err := open(ctx, cfg)
	if err != nil && !cfg.PgBouncer && isPgBouncerRejection(err) {
		cfg.PgBouncer = true
		d, err = open(ctx, cfg)
		if err == nil {
			d.Info.Notes = append(d.Info.Notes, "PgBouncer detected (it rejected a startup parameter): running in transaction-pooling mode")
		}
	}
	return d, err
}

func open(ctx context.Context, cfg Config) (*DB, error) {
	cc, err := ConnConfig(cfg)
	if err != nil {
		return nil, err
	}
	session, err := newSession(ctx, cc)
	if err != nil {
		return nil, err
	}
	pc, err := pgxpool.ParseConfig("")
	if err != nil {
		session.Close(context.Background())
		return nil, fmt.Errorf("pool config: %w", err)
	}
	pc.ConnConfig = cc.Copy()
	pc.MaxConns = diagnosticPoolSize
	pc.MinConns = 0
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		session.Close(context.Background())
		return nil, explainConnectError(cc, err)
	}
	session.ReadOnlyPerTx = cfg.PgBouncer && !cfg.ReadWrite
	d := &DB{Session: session, cfg: cfg, pool: pool}
	if err := d.loadInfo(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// ConnConfig parses cfg.DSN the way libpq would and applies pgdeck's
// connection settings: application_name, a connect timeout, read-only
// sessions, PgBouncer compatibility, and a cancel handler that sends a
// real CancelRequest so a cancelled query leaves its session alive.
func ConnConfig(cfg Config) (*pgx.ConnConfig, error) {
	cc, err := pgx.ParseConfig(cfg.DSN)
	if err != nil {
		return nil, &ConnectError{Msg: "invalid connection string: " + redactedCause(err), Err: err}
	}
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = DefaultConnectTimeout
	}
	if _, set := cc.RuntimeParams["application_name"]; !set {
		cc.RuntimeParams["application_name"] = AppName
	}
	if cfg.PgBouncer {
		cc.DefaultQueryExecMode = pgx.QueryExecModeExec
		cc.StatementCacheCapacity = 0
		cc.DescriptionCacheCapacity = 0
		delete(cc.RuntimeParams, "default_transaction_read_only")
	} else if !cfg.ReadWrite {
		cc.RuntimeParams["default_transaction_read_only"] = "on"
	}
	cc.BuildContextWatcherHandler = newCancelHandler
	return cc, nil
}

// Close closes the session and the pool.
func (d *DB) Close() {
	if d == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	d.Session.Close(ctx)
	d.pool.Close()
}

// ReadOnly reports whether the console was opened without --read-write.
func (d *DB) ReadOnly() bool { return !d.cfg.ReadWrite }

// PgBouncer reports whether the connection is in PgBouncer
// transaction-pooling mode.
func (d *DB) PgBouncer() bool { return d.cfg.PgBouncer }

// Config returns the settings the database was opened with.
func (d *DB) Config() Config { return d.cfg }

func isPgBouncerRejection(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "08P01" && contains(pgErr.Message, "unsupported startup parameter")
	}
	return contains(err.Error(), "unsupported startup parameter")
}
