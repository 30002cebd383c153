package slow

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/pgdeck/pgdeck/db"
)

// PgHero's default "slow" highlight: a statement is slow when its mean
// time is at least SlowMeanMs and it ran at least SlowMinCalls times.
const (
	SlowMeanMs   = 20.0
	SlowMinCalls = 100
)

// SampleEvery is how often the pane samples pg_stat_statements while it
// has focus; keepSamples bounds each statement's rate history.
const (
	SampleEvery = 3 * time.Second
	keepSamples = 60
)

// Threshold is when a statement counts as slow: mean time at least
// MeanMs over at least MinCalls calls.
type Threshold struct {
	MeanMs   float64
	MinCalls int64
}

// DefaultThreshold is PgHero's.
var DefaultThreshold = Threshold{MeanMs: SlowMeanMs, MinCalls: SlowMinCalls}

// Slow reports whether s crosses the threshold.
func (t Threshold) Slow(s db.QueryStat) bool { return s.MeanMs >= t.MeanMs && s.Calls >= t.MinCalls }

// String says the rule in words, for the pane.
func (t Threshold) String() string {
	return fmt.Sprintf("mean ≥ %g ms and calls ≥ %d", t.MeanMs, t.MinCalls)
}

// series is one statement's counters at the last sample and the rates
// seen between samples, oldest first.
type series struct {
	calls   int64
	totalMs float64
	at      time.Time
	// callsRate is calls per second, timeRate milliseconds of execution
	// per second; both have one point per interval.
	callsRate, timeRate []float64
}

// now returns the latest rates, and false before the second sample.
func (s *series) now() (calls, ms float64, ok bool) {
	if s == nil || len(s.callsRate) == 0 {
		return 0, 0, false
	}
	return s.callsRate[len(s.callsRate)-1], s.timeRate[len(s.timeRate)-1], true
}

// advance builds the next history from the previous one and a new
// sample read at `at`. Counters that went down mean the statistics were
// reset (or the entry evicted and readmitted): the new count is the delta.
func advance(prev map[string]*series, stats []db.QueryStat, at time.Time) map[string]*series {
	next := make(map[string]*series, len(stats))
	for _, s := range stats {
		k := s.Key()
		p := prev[k]
		n := &series{calls: s.Calls, totalMs: s.TotalMs, at: at}
		if p != nil {
			n.callsRate, n.timeRate = p.callsRate, p.timeRate
			if dt := at.Sub(p.at).Seconds(); dt > 0 {
				dc, dm := float64(s.Calls-p.calls), s.TotalMs-p.totalMs
				if dc < 0 || dm < 0 {
					dc, dm = float64(s.Calls), s.TotalMs
				}
				n.callsRate = appendCapped(n.callsRate, dc/dt)
				n.timeRate = appendCapped(n.timeRate, dm/dt)
			}
		}
		next[k] = n
	}
	return next
}

func appendCapped(xs []float64, v float64) []float64 {
	if len(xs) >= keepSamples {
		// Copy rather than reslice so the backing array does not grow forever.
		xs = append(xs[:0:0], xs[len(xs)-keepSamples+1:]...)
	}
	return append(xs, v)
}

// sortKey is one way to order the list.
type sortKey struct {
	name string
	val  func(db.QueryStat, *series) float64
}

// sorts are the orders the Sort key cycles through.
var sorts = []sortKey{
	{"total time", func(s db.QueryStat, _ *series) float64 { return s.TotalMs }},
	{"mean time", func(s db.QueryStat, _ *series) float64 { return s.MeanMs }},
	{"calls", func(s db.QueryStat, _ *series) float64 { return float64(s.Calls) }},
	{"rows", func(s db.QueryStat, _ *series) float64 { return float64(s.Rows) }},
	{"shared blocks read", func(s db.QueryStat, _ *series) float64 { return float64(s.SharedBlksRead) }},
	{"temp blocks", func(s db.QueryStat, _ *series) float64 { return float64(s.TempBlksRead + s.TempBlksWritten) }},
	{"planning time", func(s db.QueryStat, _ *series) float64 { return deref(s.PlanMs) }},
	{"time/s now", func(s db.QueryStat, x *series) float64 { _, ms, _ := x.now(); return ms }},
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// order returns the indexes of stats sorted by key k, largest first
// unless reverse; ties keep a stable order by statement key.
func order(stats []db.QueryStat, hist map[string]*series, k int, reverse bool) []int {
	vals := make([]float64, len(stats))
	keys := make([]string, len(stats))
	for i, s := range stats {
		keys[i] = s.Key()
		vals[i] = sorts[k].val(s, hist[keys[i]])
	}
	idx := make([]int, len(stats))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		c := cmp.Compare(vals[b], vals[a])
		if reverse {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(keys[a], keys[b])
		}
		return c
	})
	return idx
}
