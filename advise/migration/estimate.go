package migration

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TableFacts is what the live catalog says about one table a migration
// touches. The figures are the planner's (pg_class.relpages and
// reltuples, as of the table's last VACUUM or ANALYZE): reading them
// locks and scans nothing.
type TableFacts struct {
	// Name is the table as the database resolved it, schema-qualified.
	Name string
	// Exists is false when the database has no such table (yet).
	Exists bool
	// Known is false when the table has never been vacuumed or analysed,
	// so its size is not known; Bytes and Rows are then zero.
	Known bool
	// Bytes is the table's size (heap and TOAST pages).
	Bytes int64
	// Rows is the estimated number of rows.
	Rows int64
}

// Assumed throughputs, in MB/s, turning a table's size into the time a
// statement holds its lock. They are round figures for a server on SSD
// storage with the table mostly out of cache, under other load: real
// servers may be several times faster or slower, so an estimate is an
// order of magnitude, not a promise. Options.Throughput overrides them.
const (
	// ScanMBps: reading the whole table once and checking every row
	// (SET NOT NULL, adding or validating a CHECK or FOREIGN KEY).
	ScanMBps = 200.0
	// RewriteMBps: writing a new copy of the table, its WAL, and
	// rebuilding every index on it (ALTER COLUMN TYPE, a volatile default,
	// VACUUM FULL, CLUSTER).
	RewriteMBps = 40.0
	// IndexMBps: building one index: a scan, a sort and the write.
	IndexMBps = 60.0
)

// DefaultWindow is the lock time above which the linter recommends a
// maintenance window.
const DefaultWindow = 30 * time.Second

// Throughput overrides the assumed rates in MB/s; a zero field keeps the
// default.
type Throughput struct {
	ScanMBps, RewriteMBps, IndexMBps float64
}

func (t Throughput) orDefault() Throughput {
	if t.ScanMBps <= 0 {
		t.ScanMBps = ScanMBps
	}
	if t.RewriteMBps <= 0 {
		t.RewriteMBps = RewriteMBps
	}
	if t.IndexMBps <= 0 {
		t.IndexMBps = IndexMBps
	}
	return t
}

// workKind is what a statement does to a whole table while it holds its
// lock.
type workKind int

const (
	workScan workKind = iota
	workRewrite
	workIndex
)

// work is one whole-table operation of the current statement.
type work struct {
	rel  Ref
	kind workKind
}

// did records that the current statement scans, rewrites or indexes a
// whole existing table.
func (l *linter) did(rel Ref, kind workKind) {
	l.works = append(l.works, work{rel, kind})
}

// seconds estimates how long the table work of a statement on one table
// takes: a rewrite includes the checks a scan would make, index builds
// come on top.
func seconds(bytes int64, works []work, t Throughput) float64 {
	mb := float64(bytes) / (1 << 20)
	var scan, rewrite bool
	indexes := 0
	for _, w := range works {
		switch w.kind {
		case workScan:
			scan = true
		case workRewrite:
			rewrite = true
		case workIndex:
			indexes++
		}
	}
	s := float64(indexes) * mb / t.IndexMBps
	switch {
	case rewrite:
		s += mb / t.RewriteMBps
	case scan:
		s += mb / t.ScanMBps
	}
	return s
}

// liveFacts adds the live figures to the findings the current statement
// raised (l.out[from:]): the size and rows of the table it works on (or
// first locks), and, when it scans or rewrites a whole table, how long it
// is estimated to hold its lock, with a maintenance window recommended
// above the window.
func (l *linter) liveFacts(from int) {
	if l.opts.Facts == nil || from == len(l.out) {
		return
	}
	rels := make([]Ref, 0, len(l.works)+len(l.locks))
	for _, w := range l.works {
		rels = append(rels, w.rel)
	}
	for _, rl := range l.locks {
		rels = append(rels, rl.Rel)
	}
	var tf TableFacts
	var main Ref
	found := false
	for _, r := range rels {
		if f, ok := l.opts.Facts.Table(r); ok && f.Exists && f.Known {
			tf, main, found = f, r, true
			break
		}
	}
	if !found {
		return
	}
	impact := " — " + tf.Name + " holds " + HumanBytes(tf.Bytes) + ", ~" + humanCount(tf.Rows) + " rows"
	var est *float64
	if len(l.works) > 0 {
		var total float64
		byRel := map[Ref][]work{}
		for _, w := range l.works {
			byRel[w.rel] = append(byRel[w.rel], w)
		}
		for r, ws := range byRel {
			if f, ok := l.opts.Facts.Table(r); ok && f.Exists && f.Known {
				total += seconds(f.Bytes, ws, l.opts.Throughput.orDefault())
			}
		}
		est = &total
		mode := l.lockOn(main)
		impact = fmt.Sprintf(" — on %s (%s, ~%s rows) this holds %s for ~%s (an order-of-magnitude estimate)",
			tf.Name, HumanBytes(tf.Bytes), humanCount(tf.Rows), mode, HumanSeconds(total))
		window := l.opts.Window
		if window <= 0 {
			window = DefaultWindow
		}
		if total > window.Seconds() && (mode.BlocksWrites() || mode.BlocksReads()) {
			impact += fmt.Sprintf("; over %s: run it in a maintenance window, or take the safe way", HumanSeconds(window.Seconds()))
		}
	}
	bytes, rows := tf.Bytes, tf.Rows
	for i := from; i < len(l.out); i++ {
		f := &l.out[i]
		f.TableBytes, f.TableRows, f.EstimatedLockSeconds = &bytes, &rows, est
		f.Impact = impact[len(" — "):]
		f.Message += impact
	}
}

// lockOn is the lock the current statement takes on rel.
func (l *linter) lockOn(rel Ref) Lock {
	m := NoLock
	for _, rl := range l.locks {
		if rl.Rel == rel {
			m = max(m, rl.Mode)
		}
	}
	if m == NoLock {
		m = strongest(l.locks)
	}
	return m
}

// HumanBytes writes a size as pg_size_pretty does (1024-based units).
func HumanBytes(b int64) string {
	units := []string{"bytes", "kB", "MB", "GB", "TB", "PB"}
	v, i := float64(b), 0
	for v >= 10*1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return strconv.FormatFloat(v, 'f', 0, 64) + " " + units[i]
}

// humanCount writes a row count rounded for reading: 512, 150k, 2.4M.
func humanCount(n int64) string {
	switch v := float64(n); {
	case n < 1000:
		return strconv.FormatInt(n, 10)
	case n < 1_000_000:
		return short(v/1e3) + "k"
	case n < 1_000_000_000:
		return short(v/1e6) + "M"
	default:
		return short(v/1e9) + "B"
	}
}

// short keeps one decimal below 10 and none above.
func short(v float64) string {
	if v < 10 {
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// HumanSeconds writes a duration in seconds at the precision an estimate
// deserves: 20 ms, 4.5 s, 40 s, 12 min, 3.1 h.
func HumanSeconds(s float64) string {
	switch {
	case s < 1:
		return strconv.FormatFloat(s*1000, 'f', 0, 64) + " ms"
	case s < 120:
		return short(s) + " s"
	case s < 2*3600:
		return strconv.FormatFloat(s/60, 'f', 0, 64) + " min"
	}
	return short(s/3600) + " h"
}
