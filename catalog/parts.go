package catalog

// Column is one column of a relation.
type Column struct {
	Num  int16  `json:"num"`
	Name string `json:"name"`
	// Type is the type as format_type prints it, with modifiers
	// ("character varying(40)", "numeric(12,2)", "public.mood[]").
	Type string `json:"type"`
	// BaseType is the internal name of the type, or of the element type of
	// an array ("varchar", "int4", "mood"); TypeSchema is its schema.
	BaseType   string `json:"base_type"`
	TypeSchema string `json:"type_schema"`
	Array      bool   `json:"array,omitempty"`
	// Length is the declared length of varchar(n)/char(n), else -1.
	Length  int32   `json:"length"`
	Enum    bool    `json:"enum,omitempty"`
	NotNull bool    `json:"not_null"`
	Default *string `json:"default"`
	// Identity is "always", "by default" or "".
	Identity string `json:"identity,omitempty"`
	// Generated is the expression of a generated column; GeneratedKind
	// is "stored" (or "virtual" on PostgreSQL 18).
	Generated     string `json:"generated,omitempty"`
	GeneratedKind string `json:"generated_kind,omitempty"`
	// Collation is the schema-qualified, quoted collation when it differs
	// from the type's default.
	Collation string `json:"collation,omitempty"`
	Comment   string `json:"comment"`
	// Local is false for columns a partition or child inherits.
	Local bool `json:"local"`
	// Sequence is the sequence a serial or identity column draws from.
	Sequence *Key `json:"sequence"`
	// Stats are pg_stats figures, nil when not analysed or not readable.
	Stats *ColumnStats `json:"stats"`
}

// ColumnStats are the planner statistics the advisor uses.
type ColumnStats struct {
	// NDistinct is pg_stats.n_distinct: a positive count, or a negative
	// fraction of the rows (-1 means every row is distinct).
	NDistinct float64 `json:"n_distinct"`
	NullFrac  float64 `json:"null_frac"`
	// Common are the most common values of a text-like column, with
	// CommonFreqSum the share of rows they cover.
	Common        []string `json:"common,omitempty"`
	CommonFreqSum float64  `json:"common_freq_sum"`
}

// Distinct returns the estimated number of distinct values given the
// table's row count, resolving a negative n_distinct (a fraction).
func (s ColumnStats) Distinct(rows float64) float64 {
	if s.NDistinct < 0 {
		return -s.NDistinct * rows
	}
	return s.NDistinct
}

// ConstraintType is the kind of a constraint.
type ConstraintType string

// The constraint types.
const (
	PrimaryKey ConstraintType = "primary key"
	ForeignKey ConstraintType = "foreign key"
	Unique     ConstraintType = "unique"
	Check      ConstraintType = "check"
	Exclusion  ConstraintType = "exclusion"
)

// Constraint is a table constraint.
type Constraint struct {
	Name    string         `json:"name"`
	Type    ConstraintType `json:"type"`
	Columns []string       `json:"columns"`
	// Definition is pg_get_constraintdef: "FOREIGN KEY (a) REFERENCES …".
	Definition string `json:"definition"`
	Validated  bool   `json:"validated"`
	// Local is false for a constraint a partition inherits from its parent.
	Local   bool   `json:"local"`
	Comment string `json:"comment"`
	// Index is the name of the index enforcing it (primary key, unique,
	// exclusion).
	Index string `json:"index,omitempty"`

	// Foreign keys only.
	References *Key     `json:"references,omitempty"`
	RefColumns []string `json:"ref_columns,omitempty"`
	OnDelete   string   `json:"on_delete,omitempty"`
	OnUpdate   string   `json:"on_update,omitempty"`
}

// Index is an index on a relation.
type Index struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Method     string `json:"method"`
	Unique     bool   `json:"unique"`
	Primary    bool   `json:"primary"`
	// Predicate is the WHERE of a partial index.
	Predicate  string `json:"predicate,omitempty"`
	Expression bool   `json:"expression"`
	// Keys are the key columns or expressions, in order; Include the
	// INCLUDE columns.
	Keys    []string `json:"keys"`
	Include []string `json:"include,omitempty"`
	// KeyClasses identify each key's operator class, collation and
	// ordering, so indexes that look alike but sort differently differ.
	KeyClasses []string `json:"-"`
	Bytes      int64    `json:"bytes"`
	Scans      int64    `json:"scans"`
	Valid      bool     `json:"valid"`
	// Constraint is the constraint this index enforces, if any.
	Constraint string `json:"constraint,omitempty"`
	// Attached marks a partition's index that belongs to an index on the
	// partitioned parent.
	Attached bool   `json:"attached,omitempty"`
	Comment  string `json:"comment"`
}

// Trigger is a user trigger.
type Trigger struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Enabled    bool   `json:"enabled"`
	Comment    string `json:"comment"`
}

// Enum is an enum type with its labels in sort order.
type Enum struct {
	Schema  string   `json:"schema"`
	Name    string   `json:"name"`
	Labels  []string `json:"labels"`
	Comment string   `json:"comment"`
}

// Sequence is a sequence with how much of its range is used.
type Sequence struct {
	Schema    string `json:"schema"`
	Name      string `json:"name"`
	DataType  string `json:"data_type"`
	Start     int64  `json:"start"`
	Min       int64  `json:"min"`
	Max       int64  `json:"max"`
	Increment int64  `json:"increment"`
	Cache     int64  `json:"cache"`
	Cycle     bool   `json:"cycle"`
	// LastValue is nil when never used or not readable.
	LastValue *int64 `json:"last_value"`
	// Owner is the column that owns the sequence (serial or identity).
	Owner       *Key   `json:"owner"`
	OwnerColumn string `json:"owner_column,omitempty"`
	// Identity marks a sequence behind an identity column.
	Identity bool `json:"identity,omitempty"`
}

// UsedFraction is the share of the sequence's range already handed out
// (0 when never used), in the direction it counts.
func (s Sequence) UsedFraction() float64 {
	if s.LastValue == nil || s.Max <= s.Min {
		return 0
	}
	span := float64(s.Max) - float64(s.Min)
	if s.Increment < 0 {
		return (float64(s.Max) - float64(*s.LastValue)) / span
	}
	return (float64(*s.LastValue) - float64(s.Min)) / span
}
