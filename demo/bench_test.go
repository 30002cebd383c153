package demo

import (
	"context"
	"testing"
	"time"
)

// BenchmarkLoadWorkload measures what `pgdeck demo` spends after the
// server is up: Load into a fresh database, then Workload. It logs each
// step's duration and reports load_s, workload_s and total_s.
//
//	go test ./demo -run '^$' -bench LoadWorkload -benchtime 3x -v
func BenchmarkLoadWorkload(b *testing.B) {
	ctx := context.Background()
	var load, work time.Duration
	for b.Loop() {
		b.StopTimer()
		name, err := createDB(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		progress, finish := Timed(func(step string, d time.Duration) {
			b.Logf("%-80s %v", step, d.Round(time.Millisecond))
		})
		t0 := time.Now()
		if err := Load(ctx, server.ConnString(name), progress); err != nil {
			b.Fatal(err)
		}
		finish()
		t1 := time.Now()
		if err := Workload(ctx, server.ConnString(name)); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		b.Logf("load %v, workload %v", t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond))
		load += t1.Sub(t0)
		work += t2.Sub(t1)
	}
	n := float64(b.N)
	b.ReportMetric(load.Seconds()/n, "load_s")
	b.ReportMetric(work.Seconds()/n, "workload_s")
	b.ReportMetric((load+work).Seconds()/n, "total_s")
}
