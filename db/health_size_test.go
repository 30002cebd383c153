package db

import (
	"context"
	"strings"
	"testing"
)

// TestHealthDatabaseSize checks both ways of reading the database size:
// the refresh path estimates it from pg_class.relpages, the one-shot path
// reads pg_database_size; after VACUUM the two agree within the files the
// estimate does not count (free space and visibility maps, init forks).
func TestHealthDatabaseSize(t *testing.T) {
	ctx := context.Background()
	d, _ := diagDB(t, "diag_health_size", "create table big (id int, pad text);\n"+
		"insert into big select g, repeat('x', 200) from generate_series(1, 20000) g;\nvacuum analyze big;\n", Config{})
	est, err := d.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := d.HealthWith(ctx, HealthOptions{ExactSize: true})
	if err != nil {
		t.Fatal(err)
	}
	if est.Raw.DatabaseBytesExact || !exact.Raw.DatabaseBytesExact {
		t.Fatalf("exact flags: estimate %v, exact %v", est.Raw.DatabaseBytesExact, exact.Raw.DatabaseBytesExact)
	}
	e, x := est.Raw.DatabaseBytes, exact.Raw.DatabaseBytes
	// big alone holds 20,000 rows of ~230 bytes: over 4 MiB.
	if e < 4<<20 || x < e || float64(e) < 0.6*float64(x) {
		t.Errorf("estimate %d bytes, exact %d bytes", e, x)
	}
	if c := checkNamed(t, est, "disk"); !strings.Contains(c.Value, "≈") || !strings.Contains(c.Value, "page counts") {
		t.Errorf("estimated size not worded as one: %+v", c)
	}
	if c := checkNamed(t, exact, "disk"); strings.Contains(c.Value, "≈") || c.Number == nil || *c.Number != float64(x) {
		t.Errorf("exact size: %+v", c)
	}
}
