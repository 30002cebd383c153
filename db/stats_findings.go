package db

import (
	"fmt"
	"time"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// Since words how far back the usage counters go, for unused-index.
func (h IndexHealth) Since() string {
	if h.StatsReset == nil {
		return "since statistics began (they were never reset)"
	}
	return "since the statistics were reset on " + h.StatsReset.UTC().Format(time.RFC3339)
}

// Findings applies the index-health rules — the ones shared with the
// schema advisor come from package advise — and returns them sorted.
func (h IndexHealth) Findings(th advise.Thresholds) []finding.Finding {
	var out []finding.Finding
	byTable := map[catalog.Key][]catalog.Index{}
	var order []advise.IndexTable
	for _, ix := range h.Indexes {
		tb := advise.IndexTable{Key: ix.Table, Partitioned: ix.TablePartitioned}
		if _, ok := byTable[ix.Table]; !ok {
			order = append(order, tb)
		}
		byTable[ix.Table] = append(byTable[ix.Table], ix.Index)
		if !ix.Valid {
			out = append(out, advise.InvalidIndexFindingOn(tb, ix.Index))
		}
		// A partitioned table's index counts no scans of its own (they are
		// counted on the partitions' indexes), so "unused" would be a
		// false alarm there.
		if f, ok := advise.UnusedIndex(ix.Table, ix.Index, h.Since()); ok && !ix.TablePartitioned {
			out = append(out, f)
		}
	}
	for _, tb := range order {
		for _, r := range advise.RedundantIndexes(byTable[tb.Key]) {
			out = append(out, advise.DuplicateIndexFindingOn(tb, r))
		}
	}
	for _, fk := range h.ForeignKeys {
		tb := advise.IndexTable{Key: fk.Table, Partitioned: fk.TablePartitioned}
		if f, missing := advise.FKMissingIndexOn(tb, fk.Constraint, byTable[fk.Table]); missing {
			out = append(out, f)
		}
	}
	for _, t := range h.Tables {
		if f, ok := advise.SeqScanHeavy(t.Table, t.SeqScans, t.SeqRowsRead, t.IndexScans, th); ok {
			out = append(out, f)
		}
		if t.BloatBytes != nil {
			if f, ok := advise.TableBloat(t.Table, t.TableBytes, *t.BloatBytes, false, th); ok {
				out = append(out, f)
			}
		}
	}
	for _, b := range h.IndexBloat {
		if b.BloatBytes != nil {
			if f, ok := advise.IndexBloat(b.Table, b.Name, b.Bytes, *b.BloatBytes, false, th); ok {
				out = append(out, f)
			}
		}
	}
	finding.Sort(out)
	return out
}

// String is a one-line summary of a table's sizes.
func (t TableStat) String() string {
	return fmt.Sprintf("%s: table %d bytes, indexes %d bytes, toast %d bytes", t.Table, t.TableBytes, t.IndexBytes, t.ToastBytes)
}
