package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// LongRunningMs is when an active query counts as long-running (60 s).
const LongRunningMs = 60_000

// Backend is one row of pg_stat_activity. Durations are milliseconds and
// nil when the server does not say (no query yet, no transaction, or the
// row belongs to a role this one may not see).
type Backend struct {
	PID           int32    `json:"pid"`
	User          string   `json:"user"`
	Database      string   `json:"database"`
	Application   string   `json:"application"`
	Client        string   `json:"client"`
	BackendType   string   `json:"backend_type"`
	State         string   `json:"state"`
	WaitEventType string   `json:"wait_event_type"`
	WaitEvent     string   `json:"wait_event"`
	QueryMs       *float64 `json:"query_ms"`
	XactMs        *float64 `json:"xact_ms"`
	StateMs       *float64 `json:"state_ms"`
	Query         string   `json:"query"`
	// BlockedBy lists the pids holding the lock this backend waits for.
	BlockedBy []int32 `json:"blocked_by"`
	// Hidden marks another role's session whose details the role may not
	// read (no pg_read_all_stats).
	Hidden bool `json:"hidden"`
}

// LongRunning reports an active query running for LongRunningMs or more.
func (b Backend) LongRunning() bool {
	return b.State == "active" && b.QueryMs != nil && *b.QueryMs >= LongRunningMs
}

// IdleInTransaction reports a session holding a transaction open while
// doing nothing (it holds locks and blocks vacuum).
func (b Backend) IdleInTransaction() bool {
	return b.State == "idle in transaction" || b.State == "idle in transaction (aborted)"
}

// Activity is the server's backends and what the role could not see.
type Activity struct {
	Backends []Backend `json:"backends"`
	Notes    []string  `json:"notes"`
}

// Activity reads pg_stat_activity (without pgdeck's own diagnostic
// backend) with a blocking list for each backend waiting on a lock.
func (d *DB) Activity(ctx context.Context) (Activity, error) {
	var a Activity
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, query("activity"))
		if err != nil {
			return err
		}
		a.Backends, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Backend, error) {
			var b Backend
			err := r.Scan(&b.PID, &b.User, &b.Database, &b.Application, &b.Client, &b.BackendType, &b.State,
				&b.WaitEventType, &b.WaitEvent, &b.QueryMs, &b.XactMs, &b.StateMs, &b.Query, &b.BlockedBy, &b.Hidden)
			return b, err
		})
		return err
	})
	if err != nil {
		return Activity{}, fmt.Errorf("load activity: %w", err)
	}
	hidden := 0
	for _, b := range a.Backends {
		if b.Hidden {
			hidden++
		}
	}
	if hidden > 0 {
		a.Notes = append(a.Notes, fmt.Sprintf("%d sessions of other roles show no query, state or timings: that needs superuser or membership in pg_read_all_stats", hidden))
	}
	return a, nil
}

// CancelBackend cancels pid's running query (pg_cancel_backend); it needs
// read-write mode. It reports whether the server accepted the signal.
func (d *DB) CancelBackend(ctx context.Context, pid int32) (bool, error) {
	return d.signal(ctx, "pg_cancel_backend", pid)
}

// TerminateBackend ends pid's session (pg_terminate_backend); it needs
// read-write mode.
func (d *DB) TerminateBackend(ctx context.Context, pid int32) (bool, error) {
	return d.signal(ctx, "pg_terminate_backend", pid)
}

func (d *DB) signal(ctx context.Context, fn string, pid int32) (bool, error) {
	var ok bool
	err := d.Write(ctx, func(q Querier) error {
		return q.QueryRow(ctx, query("activity_"+fn), pid).Scan(&ok)
	})
	if err != nil {
		return false, fmt.Errorf("%s(%d): %w", fn, pid, err)
	}
	return ok, nil
}

// TreeRow is a backend placed in the blocking tree.
type TreeRow struct {
	Backend
	// Depth is 0 for a root (a backend nobody blocks), 1 for those it
	// blocks directly, and so on.
	Depth int
}

// BlockingTree orders backends so that each backend waiting on a lock
// follows the first backend blocking it, indented one level deeper.
// Backends that block others come first, then the rest in their original
// order. A cycle (a deadlock not yet broken) is cut where it repeats.
func BlockingTree(bs []Backend) []TreeRow {
	byPID := map[int32]int{}
	for i, b := range bs {
		byPID[b.PID] = i
	}
	children := map[int32][]int{}
	isChild := make([]bool, len(bs))
	for i, b := range bs {
		for _, p := range b.BlockedBy {
			if _, ok := byPID[p]; ok {
				children[p] = append(children[p], i)
				isChild[i] = true
				break // placed under its first blocker only
			}
		}
	}
	out := make([]TreeRow, 0, len(bs))
	seen := make([]bool, len(bs))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		out = append(out, TreeRow{Backend: bs[i], Depth: depth})
		for _, c := range children[bs[i].PID] {
			walk(c, depth+1)
		}
	}
	roots := make([]int, 0, len(bs))
	for i := range bs {
		if !isChild[i] {
			roots = append(roots, i)
		}
	}
	// Blockers first: they are what the user came for.
	slices.SortStableFunc(roots, func(a, b int) int {
		ca, cb := len(children[bs[a].PID]) > 0, len(children[bs[b].PID]) > 0
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		}
		return 0
	})
	for _, r := range roots {
		walk(r, 0)
	}
	for i := range bs { // members of a blocking cycle have no root
		walk(i, 0)
	}
	return out
}
