package fixloop

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
	"github.com/pgdeck/pgdeck/migrate"
)

// DefaultCleanupWait bounds how long the cleanup of a failed build may
// wait for its lock: DROP INDEX CONCURRENTLY waits for every transaction
// that uses the table, which is usually what made the build fail.
const DefaultCleanupWait = time.Minute

// ApplyOptions tune step e.
type ApplyOptions struct {
	// LockTimeout is set for the migration's statements (default 5s).
	LockTimeout time.Duration
	// LockWait is how long to wait for another runner (default 10s).
	LockWait time.Duration
	// CleanupWait is the lock_timeout of the cleanup after a failure.
	CleanupWait time.Duration
	// By is who applies it (user@host), for the history.
	By string
	// IncludePending applies the migrations pending before the fix too
	// (the runner applies in order); without it their presence stops the
	// flow. The result names them.
	IncludePending bool
	// AllowDangerous lets those earlier migrations run although the
	// linter reports errors in them.
	AllowDangerous bool
}

// StopError ends the flow before applying, by design: Continue says how
// to go on.
type StopError struct {
	Reason, Continue string
	// Pending lists the migrations pending before the fix when they are
	// the reason (ApplyOptions.IncludePending would apply them too).
	Pending []string
	// Findings are the linter's errors in those pending migrations, one
	// line each ("rule in file: message"), when they are the reason.
	Findings []string
}

func (e *StopError) Error() string { return e.Reason + ": " + e.Continue }

// ApplyResult is the result of step e.
type ApplyResult struct {
	Version string        `json:"version"`
	Took    time.Duration `json:"-"`
	// Earlier are the up files of the migrations pending before the fix
	// that were applied with it (ApplyOptions.IncludePending), in order.
	Earlier []string `json:"earlier"`
	// Failed is the server's message when the migration failed; Cleanup
	// lists what was undone, LeftBehind what could not be (with the
	// statements that clean it up).
	Failed     string   `json:"failed,omitempty"`
	Cleanup    []string `json:"cleanup,omitempty"`
	LeftBehind []string `json:"left_behind,omitempty"`
	// Index is the built index as the catalog sees it.
	Index IndexState `json:"index"`
}

// ApplyMigration runs the written migration with pgdeck's runner (step
// e), checks the index is valid and analyzes its table. It refuses, with
// a StopError, in read-only mode, for folders of tools whose runner is
// not pgdeck's, and when other migrations are pending before it. A failed
// build is undone: the invalid index dropped and the version forced back.
func ApplyMigration(ctx context.Context, d *db.DB, m *Migration, o ApplyOptions) (*ApplyResult, error) {
	if d.ReadOnly() {
		return nil, &StopError{Reason: "read-only mode: the migration is written but not applied",
			Continue: fmt.Sprintf("run the same pgdeck fix again with --apply --read-write, or apply it with `pgdeck migrate up --dir %s --read-write` and re-run the statement", m.Target.Dir)}
	}
	if m.Target.Format == Dbmate || m.Target.Format == Goose {
		return nil, &StopError{Reason: fmt.Sprintf("%s is a %s folder, which pgdeck's runner does not apply", m.Target.Dir, m.Target.Format),
			Continue: fmt.Sprintf("apply it with %s (`%s up`), then run pgdeck fix again to compare the plans", m.Target.Format, m.Target.Format)}
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.LockWait <= 0 {
		o.LockWait = 10 * time.Second
	}
	if o.CleanupWait <= 0 {
		o.CleanupWait = DefaultCleanupWait
	}
	mig, err := db.OpenMigrator(ctx, d.Config(), migrate.HeadTable, migrate.HistoryTable)
	if err != nil {
		return nil, fmt.Errorf("open the migration runner: %w", err)
	}
	defer mig.Close()
	folder, err := migrate.ReadFolder(m.Target.Dir)
	if err != nil {
		return nil, err
	}
	head, dirty, ok, err := mig.Head(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the applied version: %w", err)
	}
	if !ok {
		head = -1
	}
	if dirty {
		return nil, &StopError{Reason: fmt.Sprintf("migration %d is dirty", head),
			Continue: "clean up what it left and `pgdeck migrate force VERSION --read-write`, then apply the new migration with `pgdeck migrate up`"}
	}
	var others []string // the pending migrations before the fix
	mine, _ := strconv.ParseInt(m.Version, 10, 64)
	for _, f := range folder.Files {
		if v, err := strconv.ParseInt(f.Version, 10, 64); err == nil && v > head && v != mine {
			others = append(others, f.UpPath)
		}
	}
	slices.Sort(others)
	if len(others) > 0 && !o.IncludePending {
		return nil, &StopError{Reason: fmt.Sprintf("%d other migration(s) are pending before it (%s), and the runner applies them in order", len(others), strings.Join(others, ", ")),
			Continue: fmt.Sprintf("review and apply them first (`pgdeck migrate up --dir %s --read-write`), which then applies this one too, or include them (--include-pending)", m.Target.Dir),
			Pending:  others}
	}
	r := &ApplyResult{Version: m.Version}
	opts := migrate.RunOptions{LockWait: o.LockWait, LockTimeout: o.LockTimeout, By: o.By, AllowDangerous: o.AllowDangerous}
	res, err := migrate.Up(ctx, mig, folder, opts)
	for _, x := range res {
		if !SameVersion(x.Version, m.Version) {
			r.Earlier = append(r.Earlier, upPath(folder, x.Version))
		}
	}
	if err != nil {
		var be *migrate.BlockedError
		if errors.As(err, &be) {
			return nil, &StopError{Reason: fmt.Sprintf("the linter reports %d error(s) in the pending migrations (%s)", len(be.Findings), lintSummary(be.Findings)),
				Continue: "fix them, or apply them anyway with --allow-dangerous (the console asks first)",
				Findings: findingLines(be.Findings)}
		}
		r.Failed = err.Error()
		var de *migrate.DirtyError
		if errors.As(err, &de) {
			r.Failed = de.Err.Error()
			// Only the failed migration is undone: the earlier ones
			// applied before it stay, and the history goes back to them.
			back := head
			if len(res) > 0 {
				back, _ = strconv.ParseInt(res[len(res)-1].Version, 10, 64)
			}
			undo(ctx, mig, r, de.LeftBehind, back, opts, o.CleanupWait)
		}
		return r, fmt.Errorf("apply %s: %s", m.UpPath(), r.Failed)
	}
	if len(res) > 0 {
		r.Took = res[len(res)-1].Took
	}
	if r.Index, err = indexState(ctx, mig.Conn(), m.Index.QualifiedName()); err != nil {
		return r, err
	}
	if !r.Index.Valid {
		r.Failed = fmt.Sprintf("the index %s was not left valid (indisvalid is false)", m.Index.QualifiedName())
		undo(ctx, mig, r, []string{"invalid index " + m.Index.QualifiedName()}, head, opts, o.CleanupWait)
		return r, errors.New(r.Failed)
	}
	if _, err := mig.Conn().Exec(ctx, "ANALYZE "+m.Index.Relation()); err != nil {
		return r, fmt.Errorf("analyze %s: %w", m.Index.Relation(), err)
	}
	return r, nil
}

// undo drops what a failed build left and forces the version back, so
// nothing is half-done; whatever cannot be undone is listed with the
// statements that would.
func undo(ctx context.Context, mig *db.Migrator, r *ApplyResult, left []string, head int64, opts migrate.RunOptions, wait time.Duration) {
	ctx = context.WithoutCancel(ctx)
	c := mig.Conn()
	if _, err := c.Exec(ctx, "SELECT set_config('lock_timeout', $1, false)", strconv.FormatInt(wait.Milliseconds(), 10)); err != nil {
		r.LeftBehind = append(r.LeftBehind, left...)
	}
	for _, l := range left {
		name, ok := strings.CutPrefix(l, "invalid index ")
		if !ok {
			r.LeftBehind = append(r.LeftBehind, l)
			continue
		}
		// name comes from the server's format('%I.%I'), quoted already.
		drop := "DROP INDEX CONCURRENTLY IF EXISTS " + name
		if _, err := c.Exec(ctx, drop); err != nil {
			r.LeftBehind = append(r.LeftBehind, fmt.Sprintf("%s (clean up with %s;) — %v", l, drop, err))
			continue
		}
		r.Cleanup = append(r.Cleanup, drop+";")
	}
	if err := migrate.Force(ctx, mig, head, opts); err != nil {
		r.LeftBehind = append(r.LeftBehind, fmt.Sprintf("the history marks the migration dirty (run `pgdeck migrate force %d --read-write`) — %v", head, err))
		return
	}
	r.Cleanup = append(r.Cleanup, fmt.Sprintf("history set back to version %d", head))
}

// upPath names a folder's migration by its up file.
func upPath(f migrate.Folder, version string) string {
	for _, x := range f.Files {
		if x.Version == version {
			return x.UpPath
		}
	}
	return version
}

// lintSummary names the rules and files of lint findings, briefly.
func lintSummary(fs []migration.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" in "+f.File)
	}
	return strings.Join(out, "; ")
}

// findingLines names each lint finding with its file, one per line.
func findingLines(fs []migration.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" in "+f.File+": "+f.Message)
	}
	return out
}

// SameVersion compares migration versions as numbers when both are
// ("010" is "10"), as text otherwise.
func SameVersion(a, b string) bool {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return x == y
	}
	return a == b
}
