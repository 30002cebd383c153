package db

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Migrator is the dedicated connection pgdeck's migration runner works on:
// never the console's session, never pooled, because the advisory lock
// that keeps two runners apart belongs to one session.
type Migrator struct {
	conn *pgx.Conn
	// Schema is where the history tables live (the connection's current
	// schema, as golang-migrate does).
	Schema string
	// Database is the connected database's name.
	Database string
	// LockID is the advisory lock key: golang-migrate's, so pgdeck and
	// golang-migrate itself exclude each other too.
	LockID int64
	// HeadTable and HistoryTable are golang-migrate's table and pgdeck's.
	HeadTable    string
	HistoryTable string
}

// ErrMigratePgBouncer refuses the runner through PgBouncer transaction
// pooling, where a session advisory lock protects nothing.
var ErrMigratePgBouncer = errors.New("migrations cannot run through PgBouncer in transaction-pooling mode: the advisory lock that keeps two runners apart is per session; connect to PostgreSQL directly")

// poolerProbe is the startup setting that tells a direct session from one
// through a pooler.
const poolerProbe = "pgdeck.migrator"

// OpenMigrator opens the runner's own connection from cfg. It is refused
// in read-only mode and through PgBouncer.
func OpenMigrator(ctx context.Context, cfg Config, headTable, historyTable string) (*Migrator, error) {
	if cfg.PgBouncer {
		return nil, ErrMigratePgBouncer
	}
	if !cfg.ReadWrite {
		return nil, ErrReadOnly
	}
	cc, err := ConnConfig(cfg)
	if err != nil {
		return nil, err
	}
	cc.RuntimeParams["application_name"] = AppName + " migrate"
	// A custom setting PostgreSQL accepts at startup and PgBouncer rejects
	// (or, told to ignore it, drops): the runner sees the pooler itself,
	// even in read-write mode, where nothing else gives it away.
	cc.RuntimeParams[poolerProbe] = "on"
	conn, err := pgx.ConnectConfig(ctx, cc)
	if err != nil {
		if isPgBouncerRejection(err) {
			return nil, ErrMigratePgBouncer
		}
		return nil, explainConnectError(cc, err)
	}
	var probe string
	if err := conn.QueryRow(ctx, "SELECT coalesce(current_setting($1, true), '')", poolerProbe).Scan(&probe); err != nil || probe != "on" {
		conn.Close(context.Background())
		if err != nil {
			return nil, fmt.Errorf("open migrator: %w", err)
		}
		return nil, ErrMigratePgBouncer
	}
	m := &Migrator{conn: conn, HeadTable: headTable, HistoryTable: historyTable}
	if err := conn.QueryRow(ctx, "SELECT current_schema(), current_database()").Scan(&m.Schema, &m.Database); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("open migrator: %w", err)
	}
	if m.Schema == "" {
		conn.Close(context.Background())
		return nil, errors.New("open migrator: no current schema (search_path is empty): set one for the migration tables")
	}
	m.LockID = AdvisoryLockID(m.Database, m.Schema, headTable)
	return m, nil
}

// AdvisoryLockID computes golang-migrate's advisory lock key for a
// history table: CRC32 of schema, table and database joined by NUL bytes,
// times golang-migrate's salt, in 32 bits.
func AdvisoryLockID(database, schema, table string) int64 {
	sum := crc32.ChecksumIEEE([]byte(strings.Join([]string{schema, table, database}, "\x00")))
	return int64(sum * uint32(1486364155))
}

// Close closes the connection, which also releases the lock.
func (m *Migrator) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	m.conn.Close(ctx)
}

// Conn is the runner's connection, for reads that must see its own
// session (history tables).
func (m *Migrator) Conn() *pgx.Conn { return m.conn }

// LockedError says another runner holds the migration lock.
type LockedError struct {
	PID  int
	App  string
	User string
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return "another migration runner holds the migration lock"
	}
	return fmt.Sprintf("another migration runner holds the migration lock (pid %d, %s, user %s)", e.PID, e.App, e.User)
}

// Lock takes the session advisory lock, waiting at most wait for a runner
// that holds it; then it is refused with a *LockedError.
func (m *Migrator) Lock(ctx context.Context, wait time.Duration) error {
	if _, err := m.conn.Exec(ctx, "SELECT set_config('lock_timeout', $1, false)", ms(max(wait, time.Millisecond))); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	_, err := m.conn.Exec(ctx, "SELECT pg_advisory_lock($1)", m.LockID)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" {
		le := &LockedError{}
		_ = m.conn.QueryRow(ctx, query("migrations_lock_holder"), m.LockID).Scan(&le.PID, &le.App, &le.User)
		return le
	}
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	return nil
}

// Unlock releases the advisory lock.
func (m *Migrator) Unlock(ctx context.Context) error {
	if _, err := m.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", m.LockID); err != nil {
		return fmt.Errorf("migration unlock: %w", err)
	}
	return nil
}

func (m *Migrator) sql(name, table string) string {
	return strings.Replace(query(name), "{{table}}", pgx.Identifier{m.Schema, table}.Sanitize(), -1)
}

// Prepare creates golang-migrate's table and pgdeck's history when they
// are missing.
func (m *Migrator) Prepare(ctx context.Context) error {
	if _, err := m.conn.Exec(ctx, m.sql("migrations_create_head", m.HeadTable)); err != nil {
		return fmt.Errorf("create %s: %w", m.HeadTable, err)
	}
	if _, err := m.conn.Exec(ctx, m.sql("migrations_create_pgdeck", m.HistoryTable)); err != nil {
		return fmt.Errorf("create %s: %w", m.HistoryTable, err)
	}
	return nil
}

// Head reads golang-migrate's mark; ok is false when no version is set.
func (m *Migrator) Head(ctx context.Context) (version int64, dirty, ok bool, err error) {
	err = m.conn.QueryRow(ctx, m.sql("migrations_head", m.HeadTable)).Scan(&version, &dirty)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, fmt.Errorf("read %s: %w", m.HeadTable, err)
	}
	return version, dirty, true, nil
}

// InvalidIndexes lists the invalid indexes of the database.
func (m *Migrator) InvalidIndexes(ctx context.Context) ([]string, error) {
	rows, err := m.conn.Query(ctx, query("migrations_invalid_indexes"))
	if err != nil {
		return nil, fmt.Errorf("list invalid indexes: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list invalid indexes: %w", err)
	}
	return names, nil
}
