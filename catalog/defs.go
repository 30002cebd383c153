package catalog

import "github.com/pgdeck/pgdeck/finding"

// Definitions are the deparsed texts of one relation's indexes and
// constraints (pg_get_indexdef, pg_get_constraintdef), by name. The bulk
// catalog load leaves them out — deparsing 20,000 indexes costs seconds —
// and the Schema pane fetches them for the one table it shows.
type Definitions struct {
	Indexes     map[string]string `json:"indexes"`
	Constraints map[string]string `json:"constraints"`
}

// WithDefinitions returns a copy of r whose indexes and constraints carry
// the texts in d; r itself is not changed, so a catalog shared with a
// running advisor is never written to.
func (r *Relation) WithDefinitions(d Definitions) Relation {
	out := *r
	out.Indexes = make([]Index, len(r.Indexes))
	copy(out.Indexes, r.Indexes)
	for i := range out.Indexes {
		if def, ok := d.Indexes[out.Indexes[i].Name]; ok {
			out.Indexes[i].Definition = def
		}
	}
	out.Constraints = make([]Constraint, len(r.Constraints))
	copy(out.Constraints, r.Constraints)
	for i := range out.Constraints {
		if def, ok := d.Constraints[out.Constraints[i].Name]; ok {
			out.Constraints[i].Definition = def
		}
	}
	return out
}

// NeedsDefinitions reports whether some index or constraint of r lacks
// its deparsed text (the DDL needs them all).
func (r *Relation) NeedsDefinitions() bool {
	for i := range r.Indexes {
		if r.Indexes[i].Definition == "" {
			return true
		}
	}
	for i := range r.Constraints {
		if r.Constraints[i].Definition == "" {
			return true
		}
	}
	return false
}

// ApplyDefinitions fills the texts of every relation that has an entry
// in defs, in place. Call it only while nothing else reads the catalog
// (right after loading).
func (c *Catalog) ApplyDefinitions(defs map[uint32]Definitions) {
	for i := range c.Relations {
		if d, ok := defs[c.Relations[i].OID]; ok {
			c.Relations[i] = c.Relations[i].WithDefinitions(d)
		}
	}
}

// Summary is the constraint's definition, or while that is not loaded a
// structural stand-in built from its columns ("PRIMARY KEY (id)").
func (c *Constraint) Summary() string {
	if c.Definition != "" {
		return c.Definition
	}
	cols := quoteList(c.Columns)
	switch c.Type {
	case PrimaryKey:
		return "PRIMARY KEY (" + cols + ")"
	case Unique:
		return "UNIQUE (" + cols + ")"
	case ForeignKey:
		if c.References != nil {
			return "FOREIGN KEY (" + cols + ") REFERENCES " + c.References.String() + "(" + quoteList(c.RefColumns) + ")"
		}
	}
	return string(c.Type) + " (" + cols + ")"
}

func quoteList(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += finding.QuoteIdent(n)
	}
	return out
}
