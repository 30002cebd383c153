package catalog

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/finding"
)

// Phases order DDL statements across tables: create every table first,
// then the constraints and indexes that need only the table itself, then
// the foreign keys that need the tables they reference.
const (
	PhaseCreate = iota
	PhaseLocal
	PhaseForeignKeys
)

// Statement is one DDL statement with the phase it belongs to.
type Statement struct {
	Phase int
	SQL   string
}

// DDL reconstructs the SQL that creates r: CREATE TABLE (or VIEW) with its
// sequences, constraints, indexes, triggers and comments, as one script.
// It needs r's definitions (see Relation.WithDefinitions): without them
// constraints fall back to their Summary and indexes to a comment.
func DDL(l *Lookup, r *Relation) string {
	st := DDLStatements(l, r)
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = s.SQL
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// DDLStatements is DDL as separate statements tagged with their phase, so
// a whole schema can be replayed in an order that works.
func DDLStatements(l *Lookup, r *Relation) []Statement {
	var out []Statement
	add := func(p int, s string) { out = append(out, Statement{p, s}) }
	q := r.Qualified()
	switch r.Kind {
	case View:
		add(PhaseCreate, "CREATE VIEW "+q+" AS\n"+strings.TrimSuffix(strings.TrimSpace(r.ViewDefinition), ";")+";")
	case MatView:
		add(PhaseCreate, "CREATE MATERIALIZED VIEW "+q+" AS\n"+strings.TrimSuffix(strings.TrimSpace(r.ViewDefinition), ";")+"\nWITH NO DATA;")
	case ForeignTable:
		add(PhaseCreate, "-- "+q+" is a foreign table: its server and options are not shown here")
	default:
		for _, c := range r.Columns {
			if s := ownedSerial(l, r, &c); s != nil {
				add(PhaseCreate, "CREATE SEQUENCE "+finding.Qualified(s.Schema, s.Name)+" AS "+s.DataType+sequenceOptions(s)+";")
			}
		}
		add(PhaseCreate, createTable(l, r))
		for _, c := range r.Columns {
			if s := ownedSerial(l, r, &c); s != nil {
				add(PhaseCreate, "ALTER SEQUENCE "+finding.Qualified(s.Schema, s.Name)+" OWNED BY "+q+"."+finding.QuoteIdent(c.Name)+";")
			}
		}
	}
	if r.Comment != "" {
		add(PhaseCreate, fmt.Sprintf("COMMENT ON %s %s IS %s;", commentKind(r.Kind), q, finding.QuoteLiteral(r.Comment)))
	}
	for _, c := range r.Columns {
		if c.Comment != "" {
			add(PhaseCreate, "COMMENT ON COLUMN "+q+"."+finding.QuoteIdent(c.Name)+" IS "+finding.QuoteLiteral(c.Comment)+";")
		}
	}
	alter := "ALTER TABLE ONLY " + q
	if r.Kind == Partitioned {
		alter = "ALTER TABLE " + q // constraints must reach the partitions
	}
	for _, con := range r.Constraints {
		if !con.Local {
			continue
		}
		phase := PhaseLocal
		if con.Type == ForeignKey {
			phase = PhaseForeignKeys
		}
		add(phase, alter+" ADD CONSTRAINT "+finding.QuoteIdent(con.Name)+" "+con.Summary()+";")
		if con.Comment != "" {
			add(phase, "COMMENT ON CONSTRAINT "+finding.QuoteIdent(con.Name)+" ON "+q+" IS "+finding.QuoteLiteral(con.Comment)+";")
		}
	}
	for _, ix := range r.Indexes {
		if ix.Attached || ix.Constraint != "" {
			continue // created by the parent's index or by its constraint
		}
		def := ix.Definition
		if def == "" {
			add(PhaseLocal, "-- index "+finding.QuoteIdent(ix.Name)+": definition not loaded")
			continue
		}
		if r.Kind == Partitioned {
			def = strings.Replace(def, " ON ONLY ", " ON ", 1)
		}
		add(PhaseLocal, def+";")
		if ix.Comment != "" {
			add(PhaseLocal, "COMMENT ON INDEX "+finding.Qualified(r.Schema, ix.Name)+" IS "+finding.QuoteLiteral(ix.Comment)+";")
		}
	}
	for _, t := range r.Triggers {
		add(PhaseLocal, t.Definition+";")
		if !t.Enabled {
			add(PhaseLocal, "ALTER TABLE "+q+" DISABLE TRIGGER "+finding.QuoteIdent(t.Name)+";")
		}
		if t.Comment != "" {
			add(PhaseLocal, "COMMENT ON TRIGGER "+finding.QuoteIdent(t.Name)+" ON "+q+" IS "+finding.QuoteLiteral(t.Comment)+";")
		}
	}
	return out
}

func commentKind(k Kind) string {
	switch k {
	case View:
		return "VIEW"
	case MatView:
		return "MATERIALIZED VIEW"
	case ForeignTable:
		return "FOREIGN TABLE"
	}
	return "TABLE"
}

// ownedSerial returns the sequence behind a serial column (not an
// identity), which the table's DDL must create first.
func ownedSerial(l *Lookup, r *Relation, c *Column) *Sequence {
	if c.Sequence == nil || c.Identity != "" || !c.Local {
		return nil
	}
	s := l.Sequence(*c.Sequence)
	if s == nil || s.Identity || s.Owner == nil || *s.Owner != r.Key() {
		return nil
	}
	return s
}

func sequenceOptions(s *Sequence) string {
	o := fmt.Sprintf(" START WITH %d INCREMENT BY %d MINVALUE %d MAXVALUE %d CACHE %d", s.Start, s.Increment, s.Min, s.Max, s.Cache)
	if s.Cycle {
		o += " CYCLE"
	}
	return o
}

func createTable(l *Lookup, r *Relation) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if r.Unlogged {
		b.WriteString("UNLOGGED ")
	}
	b.WriteString("TABLE " + r.Qualified())
	if r.Parent != nil {
		b.WriteString(" PARTITION OF " + r.Parent.String())
	}
	var cols []string
	for _, c := range r.Columns {
		if c.Local && r.Parent == nil {
			cols = append(cols, "    "+columnDef(l, &c))
		}
	}
	if r.Parent == nil || len(cols) > 0 {
		b.WriteString(" (\n" + strings.Join(cols, ",\n") + "\n)")
	}
	if r.Parent != nil {
		b.WriteString("\n" + r.PartitionBound)
	}
	if r.PartitionKey != "" {
		b.WriteString("\nPARTITION BY " + r.PartitionKey)
	}
	if len(r.Options) > 0 {
		b.WriteString("\nWITH (" + strings.Join(r.Options, ", ") + ")")
	}
	b.WriteString(";")
	return b.String()
}

func columnDef(l *Lookup, c *Column) string {
	parts := []string{finding.QuoteIdent(c.Name), c.Type}
	if c.Collation != "" {
		parts = append(parts, "COLLATE "+c.Collation)
	}
	switch {
	case c.Generated != "":
		kind := "STORED"
		if c.GeneratedKind == "virtual" {
			kind = "VIRTUAL"
		}
		parts = append(parts, "GENERATED ALWAYS AS ("+c.Generated+") "+kind)
	case c.Identity != "":
		id := "GENERATED " + strings.ToUpper(c.Identity) + " AS IDENTITY"
		if c.Sequence != nil {
			if s := l.Sequence(*c.Sequence); s != nil {
				id += " (SEQUENCE NAME " + finding.Qualified(s.Schema, s.Name) + sequenceOptions(s) + ")"
			}
		}
		parts = append(parts, id)
	case c.Default != nil:
		parts = append(parts, "DEFAULT "+*c.Default)
	}
	if c.NotNull {
		parts = append(parts, "NOT NULL")
	}
	return strings.Join(parts, " ")
}
