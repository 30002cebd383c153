package db

import (
	"context"
	"strings"
	"testing"
	"time"
)

func checkNamed(t *testing.T, h Health, name string) Check {
	t.Helper()
	for _, c := range h.Checks {
		if c.Check == name {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, h.Checks)
	return Check{}
}

func TestHealthPrimaryAndStandby(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_health", "create table h (id serial primary key, v int);\nselect setval('h_id_seq', 1800000000);\n", Config{})
	st, err := srv.StartStandby(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := admin.Exec(ctx, "select pg_create_physical_replication_slot('diag_idle_slot')"); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(context.Background(), "select pg_drop_replication_slot('diag_idle_slot')") //nolint:errcheck

	// Wait for the standby to stream, then judge the primary.
	var h Health
	deadline := time.Now().Add(20 * time.Second)
	for {
		if h, err = d.Health(ctx); err != nil {
			t.Fatal(err)
		}
		if len(h.Raw.Replicas) > 0 && h.Raw.Replicas[0].State == "streaming" && h.Raw.Replicas[0].ReplayLagBytes != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("standby never streamed: %+v", h.Raw.Replicas)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(h.Checks) < 12 {
		t.Errorf("checks: %d", len(h.Checks))
	}
	if c := checkNamed(t, h, "replication lag"); !strings.Contains(c.Value, "primary with") || c.Number == nil || c.Status == Critical {
		t.Errorf("primary lag: %+v", c)
	}
	if c := checkNamed(t, h, "inactive replication slots"); c.Status != Degraded || !strings.Contains(c.Value, "diag_idle_slot") {
		t.Errorf("slots: %+v", c)
	}
	if c := checkNamed(t, h, "sequences near exhaustion"); c.Status != Degraded || !strings.Contains(c.Value, "public.h_id_seq at 83.8%") {
		t.Errorf("sequence owned by an int column: %+v", c)
	}
	if c := checkNamed(t, h, "connections"); c.Status != Healthy || c.Number == nil || *c.Number <= 0 {
		t.Errorf("connections: %+v", c)
	}
	if c := checkNamed(t, h, "transaction ID wraparound"); c.Status != Healthy || c.Number == nil || *c.Number <= 0 {
		t.Errorf("xid: %+v", c)
	}
	if c := checkNamed(t, h, "disk"); !strings.Contains(c.Value, "cannot be read over SQL") {
		t.Errorf("disk: %+v", c)
	}
	if h.Worst() != Degraded {
		t.Errorf("worst: %s", h.Worst())
	}

	sd, err := Open(ctx, Config{DSN: st.ConnString("diag_health")})
	if err != nil {
		t.Fatal(err)
	}
	defer sd.Close()
	sh, err := sd.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Raw.InRecovery {
		t.Fatal("standby not in recovery")
	}
	if c := checkNamed(t, sh, "replication lag"); !strings.HasPrefix(c.Value, "standby:") || c.Status == Critical {
		t.Errorf("standby lag: %+v", c)
	}
}

func TestJudgeThresholds(t *testing.T) {
	hit := 0.94
	old := float64(2 * time.Hour / time.Millisecond)
	h := Judge(HealthRaw{MaxConnections: 100, ReservedConnections: 3, Connections: 90, CacheHitRatio: &hit,
		OldestXactMs: &old, XIDAge: 1 << 30, SeesAllStats: false, CheckpointsRequested: 5, CheckpointsTimed: 5})
	want := map[string]Status{"connections": Degraded, "cache hit ratio": Critical, "oldest transaction": Critical,
		"transaction ID wraparound": Degraded, "checkpoints requested": Degraded, "deadlocks": Healthy, "oldest idle in transaction": Healthy}
	for name, s := range want {
		if c := checkNamed(t, h, name); c.Status != s {
			t.Errorf("%s: %s, want %s (%+v)", name, c.Status, s, c)
		}
	}
	if h.Worst() != Critical || len(h.Notes) == 0 {
		t.Errorf("worst %s notes %v", h.Worst(), h.Notes)
	}
}
