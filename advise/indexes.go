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
// duplicate-index, invalid-index and fk-missing-index are decided once.

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
// is an index attached to a partitioned parent's index (the parent is
// where it is fixed). The prefix form applies to btree only; other methods
// must match exactly. Of two identical non-unique indexes, the one whose
// name sorts later is reported.
func RedundantIndexes(idx []catalog.Index) []Redundancy {
	var out []Redundancy
	for i, a := range idx {
		if a.Unique || a.Primary || !a.Valid || a.Attached || len(a.Keys) == 0 {
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
			if exact && !b.Unique && !b.Primary && b.Name > a.Name {
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

func keyClass(ix catalog.Index, k int) string {
	if k < len(ix.KeyClasses) {
		return ix.KeyClasses[k]
	}
	return ""
}

// better prefers a unique or primary coverer, then the narrower one.
func better(b, cur catalog.Index) bool {
	bu, cu := b.Unique || b.Primary, cur.Unique || cur.Primary
	if bu != cu {
		return bu
	}
	return len(b.Keys) < len(cur.Keys)
}

// DuplicateIndexFinding words a Redundancy on table t.
func DuplicateIndexFinding(t catalog.Key, r Redundancy) finding.Finding {
	ix := finding.Qualified(t.Schema, r.Index.Name)
	how := "its key columns are a leading prefix of"
	if r.Exact {
		how = "it has the same key columns as"
	}
	msg := fmt.Sprintf("index %s on %s is redundant: %s %s (%s)", ix, t, how, r.CoveredBy.Name, strings.Join(r.CoveredBy.Keys, ", "))
	if r.Index.Bytes > 0 {
		msg += fmt.Sprintf("; dropping it frees %s and speeds up writes", bytesText(r.Index.Bytes))
	}
	return finding.New("duplicate-index", ix, msg, "DROP INDEX CONCURRENTLY "+ix+";")
}

// InvalidIndexFinding reports an index left invalid by a failed
// concurrent build: it costs writes and serves no reads.
func InvalidIndexFinding(t catalog.Key, ix catalog.Index) finding.Finding {
	name := finding.Qualified(t.Schema, ix.Name)
	f := finding.New("invalid-index", name,
		fmt.Sprintf("index %s on %s is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): it is maintained on every write but never used", name, t),
		"DROP INDEX CONCURRENTLY "+name+";")
	if def := concurrentDefinition(ix.Definition); def != "" {
		f.Steps = []string{"DROP INDEX CONCURRENTLY " + name + ";", def + ";"}
	}
	return f
}

// concurrentDefinition turns pg_get_indexdef output into its CONCURRENTLY
// form, or "" when it does not look like one.
func concurrentDefinition(def string) string {
	for _, p := range []string{"CREATE UNIQUE INDEX ", "CREATE INDEX "} {
		if rest, ok := strings.CutPrefix(def, p); ok {
			return p + "CONCURRENTLY " + rest
		}
	}
	return ""
}

// IndexCoversFK reports whether ix can serve the lookups a foreign key
// needs when the referenced row is deleted or its key updated: the FK
// columns, in any order, are ix's leading keys, and ix is valid and not
// partial.
func IndexCoversFK(fkColumns []string, ix catalog.Index) bool {
	if !ix.Valid || ix.Predicate != "" || len(fkColumns) == 0 || len(ix.Keys) < len(fkColumns) {
		return false
	}
	lead := ix.Keys[:len(fkColumns)]
	for _, c := range fkColumns {
		if !slices.Contains(lead, c) && !slices.Contains(lead, finding.QuoteIdent(c)) {
			return false
		}
	}
	return true
}

// FKMissingIndex returns the fk-missing-index finding for foreign key fk
// of table t when none of idx covers it, and false when one does.
func FKMissingIndex(t catalog.Key, fk catalog.Constraint, idx []catalog.Index) (finding.Finding, bool) {
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
	return finding.New("fk-missing-index", t.String(), msg,
		fmt.Sprintf("CREATE INDEX CONCURRENTLY ON %s (%s);", t, strings.Join(cols, ", "))), true
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
