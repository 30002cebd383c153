package catalog

import "slices"

// Incoming is a foreign key of another table that points at a relation:
// the "referenced by" direction of a relationship.
type Incoming struct {
	From       Key
	Constraint *Constraint
}

// Index builds the lookups the pane and advisor need: relations by key,
// partitions under their parents, and foreign keys in both directions.
// Call it once after loading; it fills Relation.Partitions.
func (c *Catalog) Index() *Lookup {
	l := &Lookup{
		byKey:     make(map[Key]int, len(c.Relations)),
		incoming:  map[Key][]Incoming{},
		sequences: map[Key]int{},
		c:         c,
	}
	for i := range c.Relations {
		c.Relations[i].Partitions = nil
		l.byKey[c.Relations[i].Key()] = i
	}
	for i := range c.Relations {
		r := &c.Relations[i]
		if r.Parent != nil {
			if p, ok := l.byKey[*r.Parent]; ok {
				c.Relations[p].Partitions = append(c.Relations[p].Partitions, r.Key())
			}
		}
		for j := range r.Constraints {
			con := &r.Constraints[j]
			if con.Type == ForeignKey && con.References != nil && con.Local {
				l.incoming[*con.References] = append(l.incoming[*con.References], Incoming{From: r.Key(), Constraint: con})
			}
		}
	}
	for i, s := range c.Sequences {
		l.sequences[Key{s.Schema, s.Name}] = i
	}
	return l
}

// Lookup answers questions across relations.
type Lookup struct {
	c         *Catalog
	byKey     map[Key]int
	incoming  map[Key][]Incoming
	sequences map[Key]int
}

// Relation returns the relation with key k, or nil.
func (l *Lookup) Relation(k Key) *Relation {
	if i, ok := l.byKey[k]; ok {
		return &l.c.Relations[i]
	}
	return nil
}

// Position returns the index of relation k in Catalog.Relations, or -1.
func (l *Lookup) Position(k Key) int {
	if i, ok := l.byKey[k]; ok {
		return i
	}
	return -1
}

// ReferencedBy returns the foreign keys of other tables that point at k,
// ordered by referencing table.
func (l *Lookup) ReferencedBy(k Key) []Incoming {
	in := slices.Clone(l.incoming[k])
	slices.SortFunc(in, func(a, b Incoming) int {
		if a.From.Schema != b.From.Schema {
			if a.From.Schema < b.From.Schema {
				return -1
			}
			return 1
		}
		if a.From.Name != b.From.Name {
			if a.From.Name < b.From.Name {
				return -1
			}
			return 1
		}
		if a.Constraint.Name < b.Constraint.Name {
			return -1
		}
		return 1
	})
	return in
}

// Sequence returns the sequence with key k, or nil.
func (l *Lookup) Sequence(k Key) *Sequence {
	if i, ok := l.sequences[k]; ok {
		return &l.c.Sequences[i]
	}
	return nil
}

// Enum returns the enum type schema.name, or nil.
func (c *Catalog) Enum(schema, name string) *Enum {
	for i := range c.Enums {
		if c.Enums[i].Schema == schema && c.Enums[i].Name == name {
			return &c.Enums[i]
		}
	}
	return nil
}
