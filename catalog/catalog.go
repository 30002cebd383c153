// Package catalog is the plain model of a database's schema: schemas,
// relations with their columns, constraints, indexes and triggers, enums
// and sequences. The db package fills it from PostgreSQL's catalogs; the
// schema advisor and the Schema pane read it. It imports nothing that
// talks to a database, so the advisor stays pure and testable.
package catalog

import "github.com/pgdeck/pgdeck/finding"

// Catalog is everything the schema pane and advisor know about a database.
type Catalog struct {
	Database  string     `json:"database"`
	Schemas   []Schema   `json:"schemas"`
	Relations []Relation `json:"relations"`
	Enums     []Enum     `json:"enums"`
	Sequences []Sequence `json:"sequences"`
	// Notes tell the user what they could not see (schemas without USAGE,
	// tables without SELECT) rather than failing.
	Notes []string `json:"notes"`
}

// Schema is one namespace.
type Schema struct {
	Name    string `json:"name"`
	Owner   string `json:"owner"`
	Comment string `json:"comment"`
	// System marks pg_catalog, information_schema and the toast/temp
	// schemas, hidden unless asked for.
	System bool `json:"system"`
	// Usable is whether the current user has USAGE on the schema.
	Usable bool `json:"usable"`
}

// Kind is what sort of relation a Relation is.
type Kind string

// The relation kinds the catalog lists.
const (
	Table        Kind = "table"
	Partitioned  Kind = "partitioned table"
	View         Kind = "view"
	MatView      Kind = "materialized view"
	ForeignTable Kind = "foreign table"
)

// Key names a relation by schema and name.
type Key struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// String is the key as SQL names it, quoted where needed.
func (k Key) String() string { return finding.Qualified(k.Schema, k.Name) }

// Relation is a table, view, materialized view or foreign table.
type Relation struct {
	OID    uint32 `json:"oid"`
	Schema string `json:"schema"`
	Name   string `json:"name"`
	Kind   Kind   `json:"kind"`
	Owner  string `json:"owner"`
	// Parent is the partitioned table this one is a partition of.
	Parent *Key `json:"parent"`
	// PartitionBound is "FOR VALUES …" of a partition; PartitionKey is
	// "RANGE (…)" of a partitioned table.
	PartitionBound string `json:"partition_bound,omitempty"`
	PartitionKey   string `json:"partition_key,omitempty"`
	// Partitions are filled by Index from the children's Parent.
	Partitions []Key `json:"partitions,omitempty"`
	Unlogged   bool  `json:"unlogged,omitempty"`
	// Options are storage parameters as written (fillfactor=70).
	Options []string `json:"options,omitempty"`
	// Rows is the planner's estimate; nil before the first ANALYZE.
	Rows       *float64 `json:"rows"`
	TableBytes int64    `json:"table_bytes"`
	IndexBytes int64    `json:"index_bytes"`
	ToastBytes int64    `json:"toast_bytes"`
	Comment    string   `json:"comment"`
	// ViewDefinition is the SELECT of a view or materialized view.
	ViewDefinition string `json:"view_definition,omitempty"`
	// Extension names the extension the relation belongs to, if any.
	Extension string `json:"extension,omitempty"`
	// Readable is whether the user may SELECT from it (sample rows, stats).
	Readable bool `json:"readable"`

	Columns     []Column     `json:"columns"`
	Constraints []Constraint `json:"constraints"`
	Indexes     []Index      `json:"indexes"`
	Triggers    []Trigger    `json:"triggers"`
}

// Key returns the relation's schema and name.
func (r *Relation) Key() Key { return Key{r.Schema, r.Name} }

// Qualified is the relation's name as SQL needs it.
func (r *Relation) Qualified() string { return finding.Qualified(r.Schema, r.Name) }

// IsTable reports whether the relation holds rows of its own design (plain
// or partitioned table), which is what the advisor judges.
func (r *Relation) IsTable() bool { return r.Kind == Table || r.Kind == Partitioned }

// Column returns the column with the given name, or nil.
func (r *Relation) Column(name string) *Column {
	for i := range r.Columns {
		if r.Columns[i].Name == name {
			return &r.Columns[i]
		}
	}
	return nil
}

// PrimaryKey returns the primary key constraint, or nil.
func (r *Relation) PrimaryKey() *Constraint {
	for i := range r.Constraints {
		if r.Constraints[i].Type == PrimaryKey {
			return &r.Constraints[i]
		}
	}
	return nil
}

// TotalBytes is table, indexes and toast together.
func (r *Relation) TotalBytes() int64 { return r.TableBytes + r.IndexBytes + r.ToastBytes }
