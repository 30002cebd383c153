package schema

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pgdeck/pgdeck/catalog"
)

// entry is one line of the object tree: a relation, indented under its
// partitioned parent.
type entry struct {
	rel   int // index into Catalog.Relations
	depth int
	// search is what the filter matches: schema.name, lower-cased.
	search string
}

// list is the left side: the tree in order, the filter and the cursor.
type list struct {
	entries   []entry
	visible   []int // indexes into entries that pass the filter
	cursor    int   // index into visible
	offset    int
	filter    string
	filtering bool
}

// build lays the relations out as a tree: every relation in schema/name
// order, partitions right after their parent.
func (l *list) build(c *catalog.Catalog, look *catalog.Lookup) {
	l.entries = l.entries[:0]
	var add func(i, depth int)
	add = func(i, depth int) {
		r := &c.Relations[i]
		l.entries = append(l.entries, entry{rel: i, depth: depth, search: strings.ToLower(r.Schema + "." + r.Name)})
		for _, p := range r.Partitions {
			if ci := look.Position(p); ci >= 0 {
				add(ci, depth+1)
			}
		}
	}
	for i := range c.Relations {
		r := &c.Relations[i]
		if r.Parent != nil && look.Relation(*r.Parent) != nil {
			continue // listed under its parent
		}
		add(i, 0)
	}
	l.apply()
}

// apply recomputes the visible entries from the filter. Matching is fuzzy
// (the filter's characters in order); substring matches rank first, then
// the tree order. It is linear in the number of relations, which keeps
// each keystroke well under a frame on 10,000 tables.
func (l *list) apply() {
	sel := l.selected()
	l.visible = l.visible[:0]
	f := strings.ToLower(l.filter)
	if f == "" {
		for i := range l.entries {
			l.visible = append(l.visible, i)
		}
	} else {
		type hit struct{ i, score int }
		var hits []hit
		for i, e := range l.entries {
			if s, ok := fuzzy(e.search, f); ok {
				hits = append(hits, hit{i, s})
			}
		}
		slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.score, b.score) })
		for _, h := range hits {
			l.visible = append(l.visible, h.i)
		}
	}
	l.cursor, l.offset = 0, 0
	for vi, ei := range l.visible {
		if l.entries[ei].rel == sel {
			l.cursor = vi
			break
		}
	}
}

// fuzzy reports whether pattern's characters appear in s in order, with
// a score: 0 for a substring, 1 for a scattered match.
func fuzzy(s, pattern string) (int, bool) {
	if strings.Contains(s, pattern) {
		return 0, true
	}
	j := 0
	for i := 0; i < len(s) && j < len(pattern); i++ {
		if s[i] == pattern[j] {
			j++
		}
	}
	if j < len(pattern) {
		return 0, false
	}
	return 1, true
}

// selected returns the relation index under the cursor, or -1.
func (l *list) selected() int {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return -1
	}
	return l.entries[l.visible[l.cursor]].rel
}

// move moves the cursor by n, keeping it on screen in a window of h lines.
func (l *list) move(n, h int) {
	l.cursor = max(0, min(len(l.visible)-1, l.cursor+n))
	l.scroll(h)
}

func (l *list) scroll(h int) {
	if h < 1 {
		h = 1
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
}

// selectRel puts the cursor on relation rel, clearing a filter that hides
// it. It reports whether the relation is in the list.
func (l *list) selectRel(rel, h int) bool {
	for pass := 0; pass < 2; pass++ {
		for vi, ei := range l.visible {
			if l.entries[ei].rel == rel {
				l.cursor = vi
				l.scroll(h)
				return true
			}
		}
		if l.filter == "" {
			return false
		}
		l.filter = ""
		l.apply()
	}
	return false
}
