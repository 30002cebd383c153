package db

import (
	"fmt"
	"strings"
	"time"
)

// Health thresholds. Ratios are shares (0.8 = 80%).
const (
	ConnDegraded          = 0.80
	ConnCritical          = 0.95
	CacheHitHealthy       = 0.99
	CacheHitCritical      = 0.95
	OldestXactDegraded    = 5 * time.Minute
	OldestXactCritical    = time.Hour
	IdleInXactDegraded    = time.Minute
	IdleInXactCritical    = 10 * time.Minute
	WraparoundDegraded    = 0.50 // share of the 2^31 XID / multixact space used
	WraparoundCritical    = 0.75
	SequenceDegraded      = 0.75
	SequenceCritical      = 0.90
	ReplicationLagDegrade = 30 * time.Second
	ReplicationLagCrit    = 5 * time.Minute
	CheckpointReqDegraded = 0.25 // share of checkpoints requested rather than timed
	TempBytesDegraded     = 10 << 30
)

// wraparoundSpace is how far XID and multixact ages may go before the
// server stops accepting writes.
const wraparoundSpace = 1 << 31

// Judge turns raw figures into checks.
func Judge(r HealthRaw) Health {
	var h Health
	add := func(c Check) { h.Checks = append(h.Checks, c) }
	usable := max(r.MaxConnections-r.ReservedConnections, 1)
	used := float64(r.Connections) / float64(usable)
	add(Check{Check: "connections", Value: fmt.Sprintf("%d of %d usable (%.0f%%): %d active, %d idle, %d idle in transaction", r.Connections, usable, used*100, r.Active, r.Idle, r.IdleInXact),
		Number: ptr(used), Threshold: fmt.Sprintf("degraded ≥ %.0f%%, critical ≥ %.0f%%", ConnDegraded*100, ConnCritical*100),
		Status: above(used, ConnDegraded, ConnCritical), Action: "use a connection pooler (PgBouncer) or raise max_connections; close idle sessions"})
	if r.CacheHitRatio == nil {
		add(Check{Check: "cache hit ratio", Value: "no blocks read yet", Threshold: cacheThreshold(), Status: Healthy})
	} else {
		s := Healthy
		switch {
		case *r.CacheHitRatio < CacheHitCritical:
			s = Critical
		case *r.CacheHitRatio < CacheHitHealthy:
			s = Degraded
		}
		add(Check{Check: "cache hit ratio", Value: fmt.Sprintf("%.2f%%", *r.CacheHitRatio*100), Number: r.CacheHitRatio,
			Threshold: cacheThreshold(), Status: s, Action: "raise shared_buffers or memory, or find the queries reading most blocks (Slow pane, sort by blocks read)"})
	}
	add(durationCheck("oldest transaction", r.OldestXactMs, OldestXactDegraded, OldestXactCritical,
		"find it in the Activity pane; long transactions hold back vacuum and keep locks"))
	add(durationCheck("oldest idle in transaction", r.OldestIdleXactMs, IdleInXactDegraded, IdleInXactCritical,
		"fix the client that leaves transactions open; set idle_in_transaction_session_timeout"))
	dl := Healthy
	if r.Deadlocks > 0 {
		dl = Degraded
	}
	add(Check{Check: "deadlocks", Value: fmt.Sprintf("%d since statistics reset", r.Deadlocks), Number: ptr(float64(r.Deadlocks)),
		Threshold: "degraded > 0", Status: dl, Action: "take locks in a consistent order; the server log names the statements"})
	for _, w := range []struct {
		name string
		age  int64
		act  string
	}{
		{"transaction ID wraparound", r.XIDAge, "VACUUM (FREEZE) the oldest tables; check autovacuum is keeping up and nothing holds back the xmin horizon"},
		{"multixact wraparound", r.MXIDAge, "VACUUM (FREEZE) the tables with the oldest relminmxid; check autovacuum"},
	} {
		share := float64(w.age) / wraparoundSpace
		add(Check{Check: w.name, Value: fmt.Sprintf("%.1f%% used (%d left)", share*100, wraparoundSpace-w.age), Number: ptr(share),
			Threshold: fmt.Sprintf("degraded ≥ %.0f%%, critical ≥ %.0f%%", WraparoundDegraded*100, WraparoundCritical*100),
			Status:    above(share, WraparoundDegraded, WraparoundCritical), Action: w.act})
	}
	add(sequenceCheck(r.Sequences))
	add(replicationCheck(r))
	add(slotCheck(r.Slots))
	total := r.CheckpointsTimed + r.CheckpointsRequested
	cs, share := Healthy, 0.0
	if total > 0 {
		share = float64(r.CheckpointsRequested) / float64(total)
		if share >= CheckpointReqDegraded {
			cs = Degraded
		}
	}
	add(Check{Check: "checkpoints requested", Value: fmt.Sprintf("%d requested, %d timed", r.CheckpointsRequested, r.CheckpointsTimed), Number: ptr(share),
		Threshold: fmt.Sprintf("degraded ≥ %.0f%% requested", CheckpointReqDegraded*100), Status: cs, Action: "raise max_wal_size so checkpoints happen on schedule"})
	ts := Healthy
	if r.TempBytes >= TempBytesDegraded {
		ts = Degraded
	}
	add(Check{Check: "temporary files", Value: fmt.Sprintf("%d files, %s since statistics reset", r.TempFiles, humanBytes(r.TempBytes)), Number: ptr(float64(r.TempBytes)),
		Threshold: "degraded ≥ " + humanBytes(TempBytesDegraded), Status: ts, Action: "raise work_mem for the queries that spill (Slow pane, sort by temp blocks)"})
	size := "database size " + humanBytes(r.DatabaseBytes)
	if !r.DatabaseBytesExact {
		size = "database size ≈ " + humanBytes(r.DatabaseBytes) + " from the catalog's page counts (as of the last VACUUM/ANALYZE)"
	}
	add(Check{Check: "disk", Value: size + " (free disk space cannot be read over SQL; watch it on the host)",
		Number: ptr(float64(r.DatabaseBytes)), Threshold: "n/a", Status: Healthy, Action: "monitor the data directory's file system on the host"})
	if !r.SeesAllStats {
		h.Notes = append(h.Notes, "this role lacks pg_read_all_stats: transaction ages, idle sessions and replication lag cover only its own sessions, and sequences it may not read are skipped")
	}
	return h
}

func ptr(f float64) *float64 { return &f }

func cacheThreshold() string {
	return fmt.Sprintf("healthy ≥ %.0f%%, critical < %.0f%%", CacheHitHealthy*100, CacheHitCritical*100)
}

// above judges a figure where higher is worse.
func above(v, degraded, critical float64) Status {
	switch {
	case v >= critical:
		return Critical
	case v >= degraded:
		return Degraded
	}
	return Healthy
}

func durationCheck(name string, ms *float64, degraded, critical time.Duration, action string) Check {
	c := Check{Check: name, Threshold: fmt.Sprintf("degraded ≥ %v, critical ≥ %v", degraded, critical), Status: Healthy, Action: action, Value: "none"}
	if ms != nil {
		c.Number = ms
		c.Value = (time.Duration(*ms) * time.Millisecond).Round(time.Second).String()
		c.Status = above(*ms, float64(degraded.Milliseconds()), float64(critical.Milliseconds()))
	}
	return c
}

func sequenceCheck(seqs []SequenceUse) Check {
	c := Check{Check: "sequences near exhaustion", Value: "none above 0%", Threshold: fmt.Sprintf("degraded ≥ %.0f%%, critical ≥ %.0f%% of range", SequenceDegraded*100, SequenceCritical*100),
		Status: Healthy, Action: "move the column and sequence to bigint before they run out"}
	if len(seqs) > 0 {
		top := seqs[0]
		c.Number = ptr(top.Used)
		c.Value = fmt.Sprintf("%s at %.1f%%", top.Name, top.Used*100)
		c.Status = above(top.Used, SequenceDegraded, SequenceCritical)
	}
	return c
}

func replicationCheck(r HealthRaw) Check {
	c := Check{Check: "replication lag", Threshold: fmt.Sprintf("degraded ≥ %v, critical ≥ %v", ReplicationLagDegrade, ReplicationLagCrit),
		Status: Healthy, Action: "check the standby's network, disk and replay conflicts (hot_standby_feedback, max_standby_streaming_delay)"}
	var worst *float64
	switch {
	case r.InRecovery:
		worst = r.StandbyLagMs
		c.Value = "standby: replay is current"
		if worst != nil && *worst > 0 {
			c.Value = fmt.Sprintf("standby: %v behind the primary", (time.Duration(*worst) * time.Millisecond).Round(time.Millisecond))
		} else if worst == nil {
			c.Value = "standby: nothing replayed yet"
		}
	case len(r.Replicas) == 0:
		c.Value = "primary without streaming standbys"
	default:
		var parts []string
		for _, x := range r.Replicas {
			lag := "lag not reported yet"
			if !r.SeesAllStats {
				lag = "lag hidden (needs pg_read_all_stats)"
			}
			if x.ReplayLagBytes != nil {
				lag = humanBytes(*x.ReplayLagBytes) + " behind"
				ms := 0.0
				if x.ReplayLagMs != nil {
					ms = *x.ReplayLagMs
				}
				lag += fmt.Sprintf(", %v", (time.Duration(ms) * time.Millisecond).Round(time.Millisecond))
				if worst == nil || ms > *worst {
					worst = &ms
				}
			}
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", x.Name, x.State, lag))
		}
		c.Value = "primary with " + strings.Join(parts, "; ")
	}
	if worst != nil {
		c.Number = worst
		c.Status = above(*worst, float64(ReplicationLagDegrade.Milliseconds()), float64(ReplicationLagCrit.Milliseconds()))
	}
	return c
}

func slotCheck(slots []Slot) Check {
	c := Check{Check: "inactive replication slots", Value: fmt.Sprintf("%d slots, all active", len(slots)), Threshold: "degraded: any inactive slot",
		Status: Healthy, Action: "drop slots nobody uses (SELECT pg_drop_replication_slot(name)): they keep WAL forever"}
	var inactive []string
	for _, s := range slots {
		if !s.Active {
			held := ""
			if s.RetainedBytes != nil {
				held = ", holding " + humanBytes(*s.RetainedBytes) + " of WAL"
			}
			inactive = append(inactive, s.Name+held)
		}
	}
	if len(slots) == 0 {
		c.Value = "no slots"
	}
	if len(inactive) > 0 {
		c.Value = fmt.Sprintf("%d inactive: %s", len(inactive), strings.Join(inactive, "; "))
		c.Status = Degraded
		c.Number = ptr(float64(len(inactive)))
	}
	return c
}

// humanBytes is a size in binary units.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
