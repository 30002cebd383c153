package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Status is a health check's verdict.
type Status string

// The three statuses, from best to worst.
const (
	Healthy  Status = "healthy"
	Degraded Status = "degraded"
	Critical Status = "critical"
)

// Rank orders statuses: healthy 0, degraded 1, critical 2.
func (s Status) Rank() int {
	switch s {
	case Degraded:
		return 1
	case Critical:
		return 2
	}
	return 0
}

// Check is one health check with its value, its thresholds and what to do.
type Check struct {
	Check     string   `json:"check"`
	Value     string   `json:"value"`
	Number    *float64 `json:"number"`
	Threshold string   `json:"threshold"`
	Status    Status   `json:"status"`
	Action    string   `json:"action"`
}

// HealthRaw is what the server reports, before judging.
type HealthRaw struct {
	MaxConnections, ReservedConnections   int
	Connections, Active, Idle, IdleInXact int64
	CacheHitRatio                         *float64
	OldestXactMs, OldestIdleXactMs        *float64
	Deadlocks, TempFiles, TempBytes       int64
	XIDAge, MXIDAge                       int64
	DatabaseBytes                         int64
	// DatabaseBytesExact says DatabaseBytes is pg_database_size; false:
	// the sum of pg_class.relpages (see HealthOptions.ExactSize).
	DatabaseBytesExact                     bool
	InRecovery                             bool
	StandbyLagMs                           *float64
	CheckpointsTimed, CheckpointsRequested int64
	Replicas                               []Replica
	Slots                                  []Slot
	Sequences                              []SequenceUse
	SeesAllStats                           bool
}

// Replica is a standby streaming from this primary.
type Replica struct {
	Name, Client, State string
	ReplayLagMs         *float64
	ReplayLagBytes      *int64
}

// Slot is a replication slot.
type Slot struct {
	Name, Type    string
	Active        bool
	RetainedBytes *int64
}

// SequenceUse is the share of a sequence's usable range already used.
type SequenceUse struct {
	Name string
	Used float64
}

// Health is the judged checks plus what the role could not see.
type Health struct {
	Checks []Check    `json:"checks"`
	Notes  []string   `json:"notes"`
	ReadAt time.Time  `json:"read_at"`
	Raw    *HealthRaw `json:"-"`
}

// Worst returns the worst status among the checks.
func (h Health) Worst() Status {
	w := Healthy
	for _, c := range h.Checks {
		if c.Status.Rank() > w.Rank() {
			w = c.Status
		}
	}
	return w
}

// HealthOptions choose the costlier health figures.
type HealthOptions struct {
	// ExactSize reads the database size with pg_database_size, which
	// stats every file of the database (hundreds of milliseconds on a
	// catalog of 10,000 tables). Without it the size is the sum of
	// pg_class.relpages, as of each relation's last VACUUM or ANALYZE:
	// right for a refresh loop, and for growth between refreshes.
	ExactSize bool
}

// Health reads the figures and judges them (see Judge), with the
// database size estimated from the catalog (see HealthOptions).
func (d *DB) Health(ctx context.Context) (Health, error) {
	return d.HealthWith(ctx, HealthOptions{})
}

// HealthWith is Health with options: one-shot readers such as
// `pgdeck inspect health` ask for the exact size.
func (d *DB) HealthWith(ctx context.Context, opts HealthOptions) (Health, error) {
	r := HealthRaw{SeesAllStats: d.Info.SeesAllStats()}
	err := d.Read(ctx, func(q Querier) error {
		if err := tuneDiagnostics(ctx, q); err != nil {
			return err
		}
		err := q.QueryRow(ctx, query("health")).Scan(&r.MaxConnections, &r.ReservedConnections, &r.Connections,
			&r.Active, &r.Idle, &r.IdleInXact, &r.CacheHitRatio, &r.OldestXactMs, &r.OldestIdleXactMs,
			&r.Deadlocks, &r.TempFiles, &r.TempBytes, &r.XIDAge, &r.MXIDAge, &r.DatabaseBytes, &r.InRecovery, &r.StandbyLagMs)
		if err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		if opts.ExactSize {
			if err := q.QueryRow(ctx, query("health_database_size")).Scan(&r.DatabaseBytes); err != nil {
				return fmt.Errorf("database size: %w", err)
			}
			r.DatabaseBytesExact = true
		}
		cp := "health_checkpoints"
		if d.Info.Major() >= 17 {
			cp = "health_checkpoints_17"
		}
		if err := q.QueryRow(ctx, query(cp)).Scan(&r.CheckpointsTimed, &r.CheckpointsRequested); err != nil {
			return fmt.Errorf("checkpoints: %w", err)
		}
		if !r.InRecovery {
			rows, err := q.Query(ctx, query("health_replicas"))
			if err != nil {
				return fmt.Errorf("replicas: %w", err)
			}
			r.Replicas, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Replica, error) {
				var x Replica
				return x, row.Scan(&x.Name, &x.Client, &x.State, &x.ReplayLagMs, &x.ReplayLagBytes)
			})
			if err != nil {
				return fmt.Errorf("replicas: %w", err)
			}
		}
		rows, err := q.Query(ctx, query("health_slots"))
		if err != nil {
			return fmt.Errorf("slots: %w", err)
		}
		r.Slots, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Slot, error) {
			var x Slot
			return x, row.Scan(&x.Name, &x.Type, &x.Active, &x.RetainedBytes)
		})
		if err != nil {
			return fmt.Errorf("slots: %w", err)
		}
		rows, err = q.Query(ctx, query("health_sequences"))
		if err != nil {
			return fmt.Errorf("sequences: %w", err)
		}
		r.Sequences, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (SequenceUse, error) {
			var x SequenceUse
			return x, row.Scan(&x.Name, &x.Used)
		})
		if err != nil {
			return fmt.Errorf("sequences: %w", err)
		}
		return nil
	})
	if err != nil {
		return Health{}, fmt.Errorf("load health: %w", err)
	}
	h := Judge(r)
	h.ReadAt, h.Raw = time.Now(), &r
	return h, nil
}
