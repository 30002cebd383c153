package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Step is one migration for the runner to apply or revert.
type Step struct {
	Version  int64
	Name     string
	Checksum string
	// By is who runs pgdeck (user@host), recorded in pgdeck's history
	// after the database role; nil records the role alone.
	By *string
	// SQL is run as one script inside a transaction. Statements, when
	// set instead, are run one by one outside any transaction.
	SQL        string
	Statements []string
	Down       bool
	// Target is the version golang-migrate's mark holds after the step:
	// Version going up, the previous version going down (-1: none).
	Target      int64
	LockTimeout time.Duration
}

// NoTx reports whether the step runs outside a transaction.
func (s Step) NoTx() bool { return s.Statements != nil }

// Run applies or reverts one migration and records it. In a transaction,
// a failure rolls everything back and records nothing. Outside one, the
// mark is set dirty first (as golang-migrate does) and stays dirty when a
// statement fails; the error then says which statement.
func (m *Migrator) Run(ctx context.Context, s Step) (time.Duration, error) {
	if !s.NoTx() {
		var took time.Duration
		err := pgx.BeginFunc(ctx, m.conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT set_config('lock_timeout', $1, true)", ms(s.LockTimeout)); err != nil {
				return err
			}
			start := time.Now()
			if _, err := m.conn.PgConn().Exec(ctx, s.SQL).ReadAll(); err != nil {
				return err
			}
			took = time.Since(start)
			return m.record(ctx, tx, s, false, &took)
		})
		if err != nil {
			return 0, fmt.Errorf("migration %d: %w", s.Version, explainQueryError(err))
		}
		return took, nil
	}
	if err := pgx.BeginFunc(ctx, m.conn, func(tx pgx.Tx) error { return m.record(ctx, tx, s, true, nil) }); err != nil {
		return 0, fmt.Errorf("migration %d: mark dirty: %w", s.Version, err)
	}
	if _, err := m.conn.Exec(ctx, "SELECT set_config('lock_timeout', $1, false)", ms(s.LockTimeout)); err != nil {
		return 0, fmt.Errorf("migration %d: %w", s.Version, err)
	}
	start := time.Now()
	for i, stmt := range s.Statements {
		if _, err := m.conn.PgConn().Exec(ctx, stmt).ReadAll(); err != nil {
			return 0, &StatementError{Version: s.Version, Index: i, Err: explainQueryError(err)}
		}
	}
	took := time.Since(start)
	if err := pgx.BeginFunc(ctx, m.conn, func(tx pgx.Tx) error { return m.record(ctx, tx, s, false, &took) }); err != nil {
		return 0, fmt.Errorf("migration %d: clear dirty: %w", s.Version, err)
	}
	return took, nil
}

// StatementError is a failed statement of a migration run outside a
// transaction: the statements before it took effect.
type StatementError struct {
	Version int64
	Index   int
	Err     error
}

func (e *StatementError) Error() string {
	return fmt.Sprintf("migration %d, statement %d: %v", e.Version, e.Index+1, e.Err)
}

func (e *StatementError) Unwrap() error { return e.Err }

// record writes golang-migrate's mark and pgdeck's history for step s.
func (m *Migrator) record(ctx context.Context, tx pgx.Tx, s Step, dirty bool, took *time.Duration) error {
	if _, err := tx.Exec(ctx, m.sql("migrations_head_clear", m.HeadTable)); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	if s.Target >= 0 {
		if _, err := tx.Exec(ctx, m.sql("migrations_head_set", m.HeadTable), s.Target, dirty); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	if s.Down {
		if dirty {
			return nil
		}
		if _, err := tx.Exec(ctx, m.sql("migrations_unrecord", m.HistoryTable), s.Version); err != nil {
			return fmt.Errorf("record: %w", err)
		}
		return nil
	}
	var msec *float64
	if took != nil {
		v := float64(took.Microseconds()) / 1000
		msec = &v
	}
	if _, err := tx.Exec(ctx, m.sql("migrations_record", m.HistoryTable),
		s.Version, s.Name, s.Checksum, s.By, msec, dirty, s.NoTx()); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return nil
}

// Force sets golang-migrate's mark to version (clean) and drops pgdeck's
// dirty records above it, after someone cleaned up by hand. A negative
// version clears the mark.
func (m *Migrator) Force(ctx context.Context, version int64) error {
	return pgx.BeginFunc(ctx, m.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, m.sql("migrations_head_clear", m.HeadTable)); err != nil {
			return fmt.Errorf("force: %w", err)
		}
		if version >= 0 {
			if _, err := tx.Exec(ctx, m.sql("migrations_head_set", m.HeadTable), version, false); err != nil {
				return fmt.Errorf("force: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, m.sql("migrations_forget_dirty", m.HistoryTable), version); err != nil {
			return fmt.Errorf("force: %w", err)
		}
		return nil
	})
}
