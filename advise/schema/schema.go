// Package schema is the schema advisor: pure rules over the catalog model
// that find design mistakes — unindexed foreign keys, money in floats,
// duplicate indexes, sequences running out — each reported as a
// finding.Finding with a copyable SQL fix. It does no I/O; `pgdeck check`
// and the Schema pane feed it a catalog.Catalog loaded by the db package.
package schema

import (
	"cmp"
	"slices"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// DefaultMinRows is how many rows a table needs before its statistics say
// anything about a column's domain (enum-like-text, nullable-fk).
const DefaultMinRows = 1000

// Options tune the advisor.
type Options struct {
	// Disabled rule ids are not run.
	Disabled map[string]bool
	// MinRows overrides DefaultMinRows when positive.
	MinRows float64
}

// Item is a finding with the relation it concerns, so the Schema pane can
// mark the object in its list.
type Item struct {
	finding.Finding
	// Relation is the table (or the table owning the index, column or
	// sequence) the finding is about; zero for objects without one.
	Relation catalog.Key
}

// checker carries what the rules share during one run.
type checker struct {
	c       *catalog.Catalog
	l       *catalog.Lookup
	opts    Options
	items   []Item
	minRows float64
}

// Check runs every enabled rule over the catalog and returns the findings
// sorted most serious first. Objects that belong to extensions are not
// judged: their design is not the user's to change.
func Check(c *catalog.Catalog, opts Options) []Item {
	return CheckIndexed(c, c.Index(), opts)
}

// CheckIndexed is Check with the catalog's lookup already built
// (catalog.Index writes Relation.Partitions): it only reads c, so it may
// run while the Schema pane draws from the same catalog.
func CheckIndexed(c *catalog.Catalog, l *catalog.Lookup, opts Options) []Item {
	k := &checker{c: c, l: l, opts: opts, minRows: opts.MinRows}
	if k.minRows <= 0 {
		k.minRows = DefaultMinRows
	}
	for i := range c.Relations {
		r := &c.Relations[i]
		if r.Extension != "" || !r.IsTable() {
			continue
		}
		k.indexRules(r)
		if r.Parent != nil {
			continue // partitions share their parent's design; judged there
		}
		k.tableRules(r)
		k.columnRules(r)
		k.foreignKeyRules(r)
	}
	k.sequenceRules()
	// The same order as finding.Sort: most serious first, then object, rule.
	slices.SortStableFunc(k.items, func(a, b Item) int {
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Object, b.Object); c != 0 {
			return c
		}
		return cmp.Compare(a.Rule, b.Rule)
	})
	return k.items
}

// Findings returns the plain findings of items, for the CLI twin.
func Findings(items []Item) []finding.Finding {
	out := make([]finding.Finding, len(items))
	for i, it := range items {
		out[i] = it.Finding
	}
	return out
}

// ByRelation groups items by the relation they concern.
func ByRelation(items []Item) map[catalog.Key][]finding.Finding {
	out := map[catalog.Key][]finding.Finding{}
	for _, it := range items {
		out[it.Relation] = append(out[it.Relation], it.Finding)
	}
	return out
}

// add records a finding unless its rule is disabled.
func (k *checker) add(rel catalog.Key, f finding.Finding) {
	if k.opts.Disabled[f.Rule] {
		return
	}
	k.items = append(k.items, Item{Finding: f, Relation: rel})
}

// on reports whether a rule is enabled, to skip work for disabled ones.
func (k *checker) on(rule string) bool { return !k.opts.Disabled[rule] }

// columnObject names a column as table.column, each part quoted as needed.
func columnObject(r *catalog.Relation, col string) string {
	return r.Qualified() + "." + finding.QuoteIdent(col)
}
