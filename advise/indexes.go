package advise

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// This file holds the index rules that the schema advisor (pgdeck check)
// and the index-health diagnostics (pgdeck inspect indexes) share, so
// duplicate-index, invalid-index and fk-missing-index are decided and
// worded once. Inputs are catalog.Index values as either loader fills
// them: Keys are quoted column names (as quote_ident prints them) or
// deparsed expressions, Include likewise, KeyClasses one
// "opclass/collation/option" triple per key. Per table, a caller runs:
//
//	tb := advise.IndexTable{Key: key, Partitioned: partitioned}
//	for _, ix := range indexes { if !ix.Valid { add(advise.InvalidIndexFindingOn(tb, ix)) } }
//	for _, r := range advise.RedundantIndexes(indexes) { add(advise.DuplicateIndexFindingOn(tb, r)) }
//	for _, fk := range foreignKeys { if f, missing := advise.FKMissingIndexOn(tb, fk, indexes); missing { add(f) } }

// IndexTable is the table an index rule judges. Indexes of a partitioned
// table can be neither created nor dropped CONCURRENTLY, so the fixes
// differ there.
type IndexTable struct {
	Key         catalog.Key
	Partitioned bool
}

// Redundancy says that Index is made redundant by CoveredBy: every lookup
// Index serves, CoveredBy serves too.
type Redundancy struct {
	Index     catalog.Index
	CoveredBy catalog.Index
	// Exact is true when both have the same keys (a true duplicate), false
	// when Index's keys are a leading prefix of CoveredBy's.
	Exact bool
}

// RedundantIndexes applies the leading-prefix rule to the indexes of one
// table: index A is redundant when a valid index B of the same method and
// the same predicate has A's key columns (with the same operator class,
// collation and ordering) as its leading keys, and B holds A's INCLUDE
// columns. A unique or primary-key index is never the redundant one, nor
// is one that backs a constraint (an exclusion constraint's index is not
// unique), nor one attached to a partitioned parent's index (the parent
// is where it is fixed). The prefix form applies to btree only; other
// methods must match exactly. Of two identical plain indexes (same keys,
// classes and INCLUDE columns) the one whose name sorts later is
// reported; when a unique or constraint index is among the coverers it is
// preferred, then the one with the fewest keys. Invalid indexes neither
// cover nor are reported (InvalidIndexFinding reports them).
func RedundantIndexes(idx []catalog.Index) []Redundancy {
	var out []Redundancy
	for i, a := range idx {
		if a.Unique || a.Primary || a.Constraint != "" || !a.Valid || a.Attached || len(a.Keys) == 0 {
			continue
		}
		best := -1
		var bestExact bool
		for j, b := range idx {
			if i == j || !b.Valid || b.Method != a.Method || b.Predicate != a.Predicate {
				continue
			}
			exact, ok := covers(b, a)
			if !ok {
				continue
			}
			if exact && twins(a, b) && !b.Unique && !b.Primary && b.Constraint == "" && b.Name > a.Name {
				continue // the twin reports a; a does not report the twin
			}
			if best < 0 || better(b, idx[best]) {
				best, bestExact = j, exact
			}
		}
		if best >= 0 {
			out = append(out, Redundancy{Index: a, CoveredBy: idx[best], Exact: bestExact})
		}
	}
	return out
}

// covers reports whether b serves every lookup a does, and whether their
// keys are identical.
func covers(b, a catalog.Index) (exact, ok bool) {
	if len(a.Keys) > len(b.Keys) || (a.Method != "btree" && len(a.Keys) != len(b.Keys)) {
		return false, false
	}
	for k := range a.Keys {
		if a.Keys[k] != b.Keys[k] || keyClass(a, k) != keyClass(b, k) {
			return false, false
		}
	}
	for _, inc := range a.Include {
		if !slices.Contains(b.Keys, inc) && !slices.Contains(b.Include, inc) {
			return false, false
		}
	}
	return len(a.Keys) == len(b.Keys), true
}

// twins reports whether a and b cover each other: same keys (checked by
// the caller) and the same INCLUDE columns in any order.
func twins(a, b catalog.Index) bool {
	if len(a.Include) != len(b.Include) {
		return false
	}
	for _, inc := range a.Include {
		if !slices.Contains(b.Include, inc) {
			return false
		}
	}
	return true
}

func keyClass(ix catalog.Index, k int) string {
	if k < len(ix.KeyClasses) {
		return ix.KeyClasses[k]
	}
	return ""
}

// better prefers a unique, primary or constraint coverer, then the
// narrower one.
func better(b, cur catalog.Index) bool {
	bu, cu := b.Unique || b.Primary || b.Constraint != "", cur.Unique || cur.Primary || cur.Constraint != ""
	if bu != cu {
		return bu
	}
	return len(b.Keys) < len(cur.Keys)
}

// DuplicateIndexFinding words a Redundancy on table t (not partitioned;
// see DuplicateIndexFindingOn).
func DuplicateIndexFinding(t catalog.Key, r Redundancy) finding.Finding {
	return DuplicateIndexFindingOn(IndexTable{Key: t}, r)
}

// DuplicateIndexFindingOn words a Redundancy: rule duplicate-index, the
// redundant index as object, a message naming the covering index and its
// keys (and the space dropping it frees when its size is known), and a
// DROP INDEX fix — CONCURRENTLY unless the table is partitioned.
func DuplicateIndexFindingOn(tb IndexTable, r Redundancy) finding.Finding {
	t := tb.Key
	ix := finding.Qualified(t.Schema, r.Index.Name)
	how := "its key columns are a leading prefix of"
	if r.Exact {
		how = "it has the same key columns as"
	}
	msg := fmt.Sprintf("index %s on %s is redundant: %s %s (%s)", ix, t, how, r.CoveredBy.Name, strings.Join(r.CoveredBy.Keys, ", "))
	if r.Index.Bytes > 0 {
		msg += fmt.Sprintf("; dropping it frees %s and speeds up writes", bytesText(r.Index.Bytes))
	}
	return finding.New("duplicate-index", ix, msg, dropIndex(tb, ix))
}

// dropIndex is the statement that drops index ix (qualified) of table tb
// without blocking writes where PostgreSQL allows it.
func dropIndex(tb IndexTable, ix string) string {
	if tb.Partitioned {
		return "DROP INDEX " + ix + ";"
	}
	return "DROP INDEX CONCURRENTLY " + ix + ";"
}

// InvalidIndexFinding reports an index left invalid by a failed
// concurrent build on table t (not partitioned; see InvalidIndexFindingOn).
func InvalidIndexFinding(t catalog.Key, ix catalog.Index) finding.Finding {
	return InvalidIndexFindingOn(IndexTable{Key: t}, ix)
}

// InvalidIndexFindingOn reports index ix, which the caller found invalid
// (!ix.Valid): a failed CREATE INDEX CONCURRENTLY or REINDEX leaves it
// maintained on every write but used by no query. As docs/rules.md says,
// the fix rebuilds it with REINDEX INDEX CONCURRENTLY; the message names
// the alternative, dropping it, which is the only way out while duplicate
// values break a unique index. A partitioned table's index cannot be
// rebuilt concurrently, so there the fix drops it (to be created again,
// which ix.Definition, when the caller has it, spells out in the steps).
func InvalidIndexFindingOn(tb IndexTable, ix catalog.Index) finding.Finding {
	t := tb.Key
	name := finding.Qualified(t.Schema, ix.Name)
	drop := dropIndex(tb, name)
	fix := "REINDEX INDEX CONCURRENTLY " + name + ";"
	if tb.Partitioned {
		fix = drop
	}
	f := finding.New("invalid-index", name,
		fmt.Sprintf("index %s on %s is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): it is maintained on every write but never used; rebuild it, or if the rebuild fails again (duplicate values for a unique index) or no query needs it, drop it: %s",
			name, t, drop),
		fix)
	if tb.Partitioned && ix.Definition != "" {
		f.Steps = []string{drop, ix.Definition + ";"}
	}
	return f
}

// IndexCoversFK reports whether ix can serve the lookups a foreign key
// needs when the referenced row is deleted or its key updated: the FK
// columns (plain names, as catalog.Constraint.Columns holds them), in any
// order, are ix's leading keys, and ix is valid and not partial. A key
// matches a column when it is the column's name quoted as quote_ident
// does, or quoted where it need not be, or bare.
func IndexCoversFK(fkColumns []string, ix catalog.Index) bool {
	if !ix.Valid || ix.Predicate != "" || len(fkColumns) == 0 || len(ix.Keys) < len(fkColumns) {
		return false
	}
	lead := ix.Keys[:len(fkColumns)]
	for _, c := range fkColumns {
		if !slices.ContainsFunc(lead, func(key string) bool { return keyIsColumn(key, c) }) {
			return false
		}
	}
	return true
}

// keyIsColumn reports whether index key names column col. An expression
// key ("lower(email)") never matches, even a column oddly named so.
func keyIsColumn(key, col string) bool {
	if key == finding.QuoteIdent(col) {
		return true
	}
	if len(key) >= 2 && key[0] == '"' && key[len(key)-1] == '"' {
		return strings.ReplaceAll(key[1:len(key)-1], `""`, `"`) == col
	}
	return key == col && !strings.ContainsAny(key, "()\"' ")
}

// FKMissingIndex returns the fk-missing-index finding for foreign key fk
// of table t (not partitioned; see FKMissingIndexOn) when none of idx
// covers it, and false when one does.
func FKMissingIndex(t catalog.Key, fk catalog.Constraint, idx []catalog.Index) (finding.Finding, bool) {
	return FKMissingIndexOn(IndexTable{Key: t}, fk, idx)
}

// FKMissingIndexOn returns the fk-missing-index finding for foreign key
// fk of table tb when none of idx (tb's indexes) covers it (see
// IndexCoversFK), and false when one does. The object is the table; the
// fix creates an index on the FK columns, CONCURRENTLY unless the table is
// partitioned.
func FKMissingIndexOn(tb IndexTable, fk catalog.Constraint, idx []catalog.Index) (finding.Finding, bool) {
	t := tb.Key
	for _, ix := range idx {
		if IndexCoversFK(fk.Columns, ix) {
			return finding.Finding{}, false
		}
	}
	cols := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		cols[i] = finding.QuoteIdent(c)
	}
	ref := "its referenced table"
	if fk.References != nil {
		ref = fk.References.String()
	}
	msg := fmt.Sprintf("foreign key %s on %s (%s) has no index leading with its columns: deleting or updating a row of %s scans %s, and joins on it cannot use an index",
		fk.Name, t, strings.Join(cols, ", "), ref, t)
	create := "CREATE INDEX CONCURRENTLY ON "
	if tb.Partitioned {
		create = "CREATE INDEX ON "
	}
	return finding.New("fk-missing-index", t.String(), msg,
		fmt.Sprintf("%s%s (%s);", create, t, strings.Join(cols, ", "))), true
}

// bytesText is a size in binary units, as the findings print it.
func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
