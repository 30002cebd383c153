package advise

import (
	"fmt"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// Thresholds tune the index-health rules that depend on usage figures.
// The console shows them next to the list; DefaultThresholds are PgHero's
// and common DBA practice.
type Thresholds struct {
	// BloatMinBytes and BloatMinShare: an index or table is reported when
	// its estimated waste is at least this many bytes and this share of
	// its size.
	BloatMinBytes int64
	BloatMinShare float64
	// SeqScanMinScans, SeqScanMinRowsPerScan, SeqScanMaxIndexShare: a
	// table is seq-scan heavy when it had at least SeqScanMinScans
	// sequential scans, each reading SeqScanMinRowsPerScan rows on
	// average, and index scans were less than SeqScanMaxIndexShare of all
	// its scans (PgHero's rule: below 95% index use on a big table means a
	// query is missing an index).
	SeqScanMinScans       int64
	SeqScanMinRowsPerScan int64
	SeqScanMaxIndexShare  float64
}

// Default thresholds.
const (
	DefaultBloatMinBytes         = 10 << 20 // 10 MiB
	DefaultBloatMinShare         = 0.3
	DefaultSeqScanMinScans       = 50
	DefaultSeqScanMinRowsPerScan = 1000
	DefaultSeqScanMaxIndexShare  = 0.95
)

// DefaultThresholds returns the thresholds the console starts with.
func DefaultThresholds() Thresholds {
	return Thresholds{
		BloatMinBytes:         DefaultBloatMinBytes,
		BloatMinShare:         DefaultBloatMinShare,
		SeqScanMinScans:       DefaultSeqScanMinScans,
		SeqScanMinRowsPerScan: DefaultSeqScanMinRowsPerScan,
		SeqScanMaxIndexShare:  DefaultSeqScanMaxIndexShare,
	}
}

// String describes the thresholds in a line, for the pane header.
func (t Thresholds) String() string {
	return fmt.Sprintf("bloat ≥ %s and ≥ %.0f%%; seq-scan heavy: ≥ %d scans of ≥ %d rows each, index scans < %.0f%% of scans; unused: 0 scans since reset",
		bytesText(t.BloatMinBytes), t.BloatMinShare*100, t.SeqScanMinScans, t.SeqScanMinRowsPerScan, t.SeqScanMaxIndexShare*100)
}

// UnusedIndex reports an index that has not been scanned since the
// statistics were reset (since says when, in words). Indexes that enforce
// a constraint or uniqueness are never reported: they work without scans.
func UnusedIndex(t catalog.Key, ix catalog.Index, since string) (finding.Finding, bool) {
	if ix.Scans > 0 || ix.Unique || ix.Primary || ix.Constraint != "" || !ix.Valid || ix.Attached {
		return finding.Finding{}, false
	}
	name := finding.Qualified(t.Schema, ix.Name)
	return finding.New("unused-index", name,
		fmt.Sprintf("index %s on %s (%s) has not been used by any query %s; it costs every write on the table", name, t, bytesText(ix.Bytes), since),
		"DROP INDEX CONCURRENTLY "+name+";"), true
}

// Bloated reports whether waste of size bytes crosses the thresholds.
func (t Thresholds) Bloated(bytes, waste int64) bool {
	return bytes > 0 && waste >= t.BloatMinBytes && float64(waste)/float64(bytes) >= t.BloatMinShare
}

// IndexBloat reports an index much larger than its contents need
// (estimated, or exact when exact is true).
func IndexBloat(t catalog.Key, index string, bytes, waste int64, exact bool, th Thresholds) (finding.Finding, bool) {
	if !th.Bloated(bytes, waste) {
		return finding.Finding{}, false
	}
	name := finding.Qualified(t.Schema, index)
	how := "an estimate from pg_stats"
	if exact {
		how = "measured by pgstattuple"
	}
	return finding.New("index-bloat", name,
		fmt.Sprintf("index %s on %s wastes about %s of its %s (%.0f%%, %s)", name, t, bytesText(waste), bytesText(bytes), 100*float64(waste)/float64(bytes), how),
		"REINDEX INDEX CONCURRENTLY "+name+";"), true
}

// TableBloat reports a table much larger than its live rows need.
func TableBloat(t catalog.Key, bytes, waste int64, exact bool, th Thresholds) (finding.Finding, bool) {
	if !th.Bloated(bytes, waste) {
		return finding.Finding{}, false
	}
	how := "an estimate from pg_stats"
	if exact {
		how = "measured by pgstattuple"
	}
	f := finding.New("table-bloat", t.String(),
		fmt.Sprintf("table %s wastes about %s of its %s (%.0f%%, %s)", t, bytesText(waste), bytesText(bytes), 100*float64(waste)/float64(bytes), how),
		"VACUUM (VERBOSE, ANALYZE) "+t.String()+";")
	f.Steps = []string{
		"VACUUM (VERBOSE, ANALYZE) " + t.String() + "; -- makes the space reusable, without returning it to the OS",
		"-- to shrink the files without an exclusive lock, use pg_repack (VACUUM FULL locks the table for its whole run)",
	}
	return f, true
}

// SeqScanHeavy reports a table read mostly by sequential scans that each
// read many rows: a likely missing index.
func SeqScanHeavy(t catalog.Key, seqScans, seqRows, indexScans int64, th Thresholds) (finding.Finding, bool) {
	indexShare := float64(indexScans) / float64(max(seqScans+indexScans, 1))
	if seqScans < th.SeqScanMinScans || indexShare >= th.SeqScanMaxIndexShare || seqRows/max(seqScans, 1) < th.SeqScanMinRowsPerScan {
		return finding.Finding{}, false
	}
	return finding.New("seq-scan-heavy-table", t.String(),
		fmt.Sprintf("table %s had %d sequential scans reading %d rows each on average, and only %.1f%% of its scans used an index (%d): a query probably lacks an index; find it among the slow queries that touch %s",
			t, seqScans, seqRows/seqScans, indexShare*100, indexScans, t),
		"-- look up the statements that filter this table in the Slow pane, then CREATE INDEX CONCURRENTLY on the filtered columns"), true
}
