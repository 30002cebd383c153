package migrate

import (
	"context"
	"fmt"
	"strconv"

	"github.com/pgdeck/pgdeck/db"
)

// Up applies the pending migrations of folder in order (at most opts.N),
// under the migration lock, each in its own transaction unless it must run
// outside one. It stops at the first failure; the results are the
// migrations applied before it.
func Up(ctx context.Context, m *db.Migrator, folder Folder, opts RunOptions) ([]Result, error) {
	files, err := runnable(folder)
	if err != nil {
		return nil, err
	}
	return locked(ctx, m, opts, func() ([]Result, error) {
		head, err := headState(ctx, m)
		if err != nil {
			return nil, err
		}
		var pending []File
		for _, f := range files {
			if v, _ := strconv.ParseInt(f.Version, 10, 64); v > head {
				pending = append(pending, f)
			}
		}
		if opts.N > 0 && len(pending) > opts.N {
			pending = pending[:opts.N]
		}
		if err := checkTxControl(pending, false); err != nil {
			return nil, err
		}
		if !opts.AllowNonAtomic {
			if err := checkAtomic(pending); err != nil {
				return nil, err
			}
		}
		if !opts.AllowDangerous {
			errs, err := Lint(pending, LiveFacts{Ctx: ctx, Q: m.Conn()})
			if err != nil {
				return nil, fmt.Errorf("lint pending migrations: %w", err)
			}
			if len(errs) > 0 {
				return nil, &BlockedError{Findings: errs}
			}
		}
		var done []Result
		prev := head
		for _, f := range pending {
			v, _ := strconv.ParseInt(f.Version, 10, 64)
			s, err := step(f, false, v, opts)
			if err != nil {
				return done, err
			}
			r, err := runStep(ctx, m, s, f, prev)
			if err != nil {
				return done, err
			}
			done = append(done, r)
			if opts.Progress != nil {
				opts.Progress(r)
			}
			prev = v
		}
		return done, nil
	})
}

// Down reverts the last applied migrations (opts.N, default one) with
// their down files, newest first.
func Down(ctx context.Context, m *db.Migrator, folder Folder, opts RunOptions) ([]Result, error) {
	files, err := runnable(folder)
	if err != nil {
		return nil, err
	}
	n := max(opts.N, 1)
	return locked(ctx, m, opts, func() ([]Result, error) {
		var done []Result
		for range n {
			head, err := headState(ctx, m)
			if err != nil || head < 0 {
				return done, err
			}
			i := indexOf(files, head)
			if i < 0 {
				return done, fmt.Errorf("migration %d is applied but has no file in %s: cannot revert it", head, folder.Dir)
			}
			f := files[i]
			if f.DownPath == "" {
				return done, fmt.Errorf("migration %s has no down file: cannot revert it", f.Version)
			}
			if err := checkTxControl([]File{f}, true); err != nil {
				return done, err
			}
			target := int64(-1)
			if i > 0 {
				target, _ = strconv.ParseInt(files[i-1].Version, 10, 64)
			}
			s, err := step(f, true, target, opts)
			if err != nil {
				return done, err
			}
			r, err := runStep(ctx, m, s, f, target)
			if err != nil {
				return done, err
			}
			done = append(done, r)
			if opts.Progress != nil {
				opts.Progress(r)
			}
		}
		return done, nil
	})
}

// Force sets the version after a manual cleanup (-1: none applied).
func Force(ctx context.Context, m *db.Migrator, version int64, opts RunOptions) error {
	_, err := locked(ctx, m, opts, func() ([]Result, error) {
		if err := m.Force(ctx, version); err != nil {
			return nil, err
		}
		return nil, nil
	})
	return err
}

func indexOf(files []File, v int64) int {
	for i, f := range files {
		if fv, err := strconv.ParseInt(f.Version, 10, 64); err == nil && fv == v {
			return i
		}
	}
	return -1
}

// locked runs fn under the migration lock, with the tables in place.
func locked(ctx context.Context, m *db.Migrator, opts RunOptions, fn func() ([]Result, error)) ([]Result, error) {
	if err := m.Lock(ctx, opts.LockWait); err != nil {
		return nil, err
	}
	defer m.Unlock(context.WithoutCancel(ctx)) //nolint:errcheck // closing the connection releases it too
	if err := m.Prepare(ctx); err != nil {
		return nil, err
	}
	return fn()
}
