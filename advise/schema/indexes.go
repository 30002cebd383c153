package schema

import (
	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
)

// indexRules report invalid indexes and indexes another index makes
// redundant, with the rules the index-health diagnostics use too (one
// concern, one implementation: advise/indexes.go).
func (k *checker) indexRules(r *catalog.Relation) {
	tb := indexTable(r)
	if k.on("invalid-index") {
		for _, ix := range r.Indexes {
			if !ix.Valid {
				k.add(r.Key(), advise.InvalidIndexFindingOn(tb, ix))
			}
		}
	}
	if k.on("duplicate-index") {
		for _, red := range advise.RedundantIndexes(r.Indexes) {
			k.add(r.Key(), advise.DuplicateIndexFindingOn(tb, red))
		}
	}
}

// indexTable is the relation as the shared index rules see it.
func indexTable(r *catalog.Relation) advise.IndexTable {
	return advise.IndexTable{Key: r.Key(), Partitioned: r.Kind == catalog.Partitioned}
}
