package schema

import (
	"fmt"
	"slices"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// indexRules report invalid indexes and indexes another index makes
// redundant.
func (k *checker) indexRules(r *catalog.Relation) {
	for i := range r.Indexes {
		ix := &r.Indexes[i]
		obj := finding.Qualified(r.Schema, ix.Name)
		if !ix.Valid && k.on("invalid-index") {
			k.add(r.Key(), finding.New("invalid-index", obj,
				"the index is invalid (a CREATE INDEX CONCURRENTLY or REINDEX that failed): queries cannot use it, yet every write still maintains it",
				"REINDEX INDEX CONCURRENTLY "+obj+";"))
		}
	}
	if !k.on("duplicate-index") {
		return
	}
	for i := range r.Indexes {
		a := &r.Indexes[i]
		if a.Attached || !a.Valid || a.Unique || a.Primary || a.Constraint != "" {
			continue // never the redundant one
		}
		for j := range r.Indexes {
			b := &r.Indexes[j]
			if i == j || !b.Valid || !covers(b, a) {
				continue
			}
			// Two identical plain indexes: keep the first by name.
			if !b.Unique && b.Constraint == "" && sameKeys(a, b) && b.Name > a.Name {
				continue
			}
			obj := finding.Qualified(r.Schema, a.Name)
			drop := "DROP INDEX CONCURRENTLY " + obj + ";"
			if r.Kind == catalog.Partitioned {
				drop = "DROP INDEX " + obj + ";"
			}
			what := "is a leading prefix of"
			if sameKeys(a, b) {
				what = "duplicates"
			}
			k.add(r.Key(), finding.New("duplicate-index", obj,
				fmt.Sprintf("%s %s %s: every query it serves can use %s, while each write pays for both and it takes %s",
					a.Name, what, b.Name, b.Name, bytesText(a.Bytes)),
				drop))
			break
		}
	}
}

// covers reports whether index b serves everything a does: same method
// and predicate, a's keys (with their operator classes and ordering) are
// b's leading keys, and a's INCLUDE columns are somewhere in b.
func covers(b, a *catalog.Index) bool {
	if a.Method != b.Method || a.Predicate != b.Predicate || len(a.Keys) > len(b.Keys) ||
		len(a.KeyClasses) != len(a.Keys) || len(b.KeyClasses) != len(b.Keys) {
		return false
	}
	if a.Method != "btree" && len(a.Keys) != len(b.Keys) {
		return false // only btree serves a prefix of its keys as well as the whole
	}
	for i := range a.Keys {
		if a.Keys[i] != b.Keys[i] || a.KeyClasses[i] != b.KeyClasses[i] {
			return false
		}
	}
	for _, inc := range a.Include {
		if !slices.Contains(b.Keys, inc) && !slices.Contains(b.Include, inc) {
			return false
		}
	}
	return true
}

func sameKeys(a, b *catalog.Index) bool {
	return slices.Equal(a.Keys, b.Keys) && slices.Equal(a.Include, b.Include)
}

// bytesText prints a size the way pg_size_pretty does.
func bytesText(n int64) string {
	units := []string{"bytes", "kB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 10*1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.0f %s", v, units[u])
}
