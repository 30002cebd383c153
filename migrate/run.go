package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
)

// HeadTable is golang-migrate's table, which the runner keeps current.
const HeadTable = "schema_migrations"

// RunOptions tune the runner.
type RunOptions struct {
	// N limits how many migrations run; 0 means all pending (up) or one
	// (down).
	N int
	// AllowDangerous lets up run migrations with lint errors.
	AllowDangerous bool
	// AllowNonAtomic lets up run a file that must run outside a
	// transaction although it holds other statements too: a failure part
	// way leaves the earlier ones applied.
	AllowNonAtomic bool
	// LockWait is how long to wait for another runner's lock.
	LockWait time.Duration
	// LockTimeout is set for each migration's statements.
	LockTimeout time.Duration
	// By is who runs pgdeck (user@host), recorded with the database role.
	By string
	// Progress, when set, is told each migration as it finishes.
	Progress func(Result)
}

// Result is one migration the runner applied or reverted.
type Result struct {
	Version string        `json:"version"`
	Name    string        `json:"name"`
	Down    bool          `json:"down"`
	NoTx    bool          `json:"no_transaction"`
	Took    time.Duration `json:"-"`
}

// BlockedError is an up refused because pending migrations have lint
// errors.
type BlockedError struct{ Findings []migration.Finding }

func (e *BlockedError) Error() string {
	return fmt.Sprintf("%d lint error(s) in pending migrations: fix them or run with --allow-dangerous", len(e.Findings))
}

// DirtyError is a migration run outside a transaction that failed part
// way: the database holds what its earlier statements did.
type DirtyError struct {
	Version string
	Err     error
	// LeftBehind names what the failure left (invalid indexes).
	LeftBehind []string
	// Cleanup are the statements and command that clean up.
	Cleanup []string
}

func (e *DirtyError) Error() string {
	s := fmt.Sprintf("migration %s failed outside a transaction and is marked dirty: %v", e.Version, e.Err)
	if len(e.LeftBehind) > 0 {
		s += "; it left behind: " + strings.Join(e.LeftBehind, ", ")
	}
	if len(e.Cleanup) > 0 {
		s += "\nto clean up:\n  " + strings.Join(e.Cleanup, "\n  ")
	}
	return s
}

func (e *DirtyError) Unwrap() error { return e.Err }

// runnable checks that the folder is in a format the runner applies and
// returns its files by version.
func runnable(folder Folder) ([]File, error) {
	for _, f := range folder.Files {
		if f.Format != GolangMigrate && f.Format != Sqlx {
			return nil, fmt.Errorf("pgdeck runs golang-migrate folders (NNN_name.up.sql / .down.sql); %s is %s's: run it with %s", f.UpPath, f.Format, f.Format)
		}
	}
	files := slices.Clone(folder.Files)
	slices.SortFunc(files, func(a, b File) int { return cmpVersion(a.Version, b.Version) })
	return files, nil
}

// headState reads the mark and refuses to go on from a dirty one.
func headState(ctx context.Context, m *db.Migrator) (int64, error) {
	v, dirty, ok, err := m.Head(ctx)
	if err != nil {
		return 0, err
	}
	if !ok {
		return -1, nil
	}
	if dirty {
		return 0, fmt.Errorf("migration %d is dirty (it failed part way outside a transaction): clean up what it left, then `pgdeck migrate force VERSION --read-write` with the last version that is fully applied", v)
	}
	return v, nil
}

// Lint lints the up parts of files as pgdeck's runner will run them and
// returns the error-level findings. facts, when not nil, answers from the
// live catalog (see LiveFacts).
func Lint(files []File, facts migration.Facts) ([]migration.Finding, error) {
	var out []migration.Finding
	for _, f := range files {
		src, ok := Source(f)
		if !ok {
			continue
		}
		fs, err := migration.LintSource(src, migration.Options{Facts: facts})
		if err != nil {
			return nil, err
		}
		for _, x := range fs {
			if x.Severity == finding.Error {
				out = append(out, x)
			}
		}
	}
	return out, nil
}

// step turns a file into the runner's step.
func step(f File, down bool, target int64, opts RunOptions) (db.Step, error) {
	v, err := strconv.ParseInt(f.Version, 10, 64)
	if err != nil {
		return db.Step{}, fmt.Errorf("migration %s: version is not a number", f.Version)
	}
	s := db.Step{Version: v, Name: f.Name, Checksum: PgdeckChecksum(f.Up), SQL: f.Up, Down: down,
		Target: target, LockTimeout: opts.LockTimeout}
	if opts.By != "" {
		s.By = &opts.By
	}
	body, noTx := f.Up, f.NoTx
	if down {
		body = f.Down
		if noTx, err = needsNoTx(body); err != nil {
			return db.Step{}, fmt.Errorf("migration %s down: %w", f.Version, err)
		}
		s.SQL = body
	}
	if noTx {
		stmts, err := db.SplitScript(body)
		if err != nil {
			return db.Step{}, fmt.Errorf("migration %s: split: %w", f.Version, err)
		}
		s.Statements = []string{}
		for _, st := range stmts {
			s.Statements = append(s.Statements, st.SQL)
		}
	}
	return s, nil
}

// runStep runs one step; a failed no-transaction step becomes a
// DirtyError naming what it left behind.
func runStep(ctx context.Context, m *db.Migrator, s db.Step, f File, prev int64) (Result, error) {
	var before []string
	if s.NoTx() {
		var err error
		if before, err = m.InvalidIndexes(ctx); err != nil {
			return Result{}, err
		}
	}
	took, err := m.Run(ctx, s)
	if err == nil {
		return Result{Version: f.Version, Name: f.Name, Down: s.Down, NoTx: s.NoTx(), Took: took}, nil
	}
	if !s.NoTx() {
		return Result{}, err
	}
	de := &DirtyError{Version: f.Version, Err: err}
	after, lerr := m.InvalidIndexes(ctx)
	if lerr != nil {
		return Result{}, errors.Join(de, lerr)
	}
	for _, ix := range after {
		if !slices.Contains(before, ix) {
			de.LeftBehind = append(de.LeftBehind, "invalid index "+ix)
			de.Cleanup = append(de.Cleanup, "DROP INDEX CONCURRENTLY IF EXISTS "+ix+";")
		}
	}
	back := prev
	if s.Down {
		back = s.Version
	}
	de.Cleanup = append(de.Cleanup, fmt.Sprintf("pgdeck migrate force %d --read-write   # then run it again", back))
	return Result{}, de
}
