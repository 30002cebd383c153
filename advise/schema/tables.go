package schema

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// tableRules are the rules about a table as a whole.
func (k *checker) tableRules(r *catalog.Relation) {
	pk := r.PrimaryKey()
	if pk == nil && k.on("no-primary-key") {
		k.add(r.Key(), finding.New("no-primary-key", r.Qualified(),
			"without a primary key rows cannot be addressed reliably: updates, deletes, logical replication and most tools need one",
			primaryKeyFix(r)))
	}
	if pk != nil && len(pk.Columns) == 1 && k.on("int-pk-overflow-risk") {
		k.intKey(r, pk)
	}
	if k.on("missing-timestamps") {
		k.timestamps(r)
	}
}

// primaryKeyFix promotes an existing unique index over NOT NULL columns
// when there is one, else a NOT NULL id column, else adds an identity key.
func primaryKeyFix(r *catalog.Relation) string {
	for _, ix := range r.Indexes {
		if ix.Unique && ix.Valid && ix.Predicate == "" && !ix.Expression && len(ix.Include) == 0 && ix.Method == "btree" && allNotNull(r, ix.Keys) {
			return "ALTER TABLE " + r.Qualified() + " ADD PRIMARY KEY USING INDEX " + finding.QuoteIdent(ix.Name) + ";"
		}
	}
	if col := r.Column("id"); col != nil {
		return "ALTER TABLE " + r.Qualified() + " ADD PRIMARY KEY (id);"
	}
	return "ALTER TABLE " + r.Qualified() + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"
}

func allNotNull(r *catalog.Relation, cols []string) bool {
	for _, c := range cols {
		col := r.Column(c)
		if col == nil || !col.NotNull {
			return false
		}
	}
	return len(cols) > 0
}

// typeMax is the largest value an integer type holds.
var typeMax = map[string]float64{"int2": 32767, "int4": 2147483647}

// intKey reports a single-column integer primary key, with how much of its
// range the sequence feeding it has used.
func (k *checker) intKey(r *catalog.Relation, pk *catalog.Constraint) {
	col := r.Column(pk.Columns[0])
	if col == nil || col.Array || !advise.IsNarrowInt(col.BaseType) {
		return
	}
	limit := typeMax[col.BaseType]
	used := "its position is unknown"
	if col.Sequence != nil {
		if s := k.l.Sequence(*col.Sequence); s != nil && s.LastValue != nil {
			used = fmt.Sprintf("%.1f%% already used", 100*float64(*s.LastValue)/limit)
		} else if s != nil {
			used = "its sequence has not handed out a value yet (or is not readable)"
		}
	}
	refs := k.l.ReferencedBy(r.Key())
	also := ""
	if len(refs) > 0 {
		also = fmt.Sprintf("; the %d foreign key column(s) referencing it need the same change", len(refs))
	}
	msg := fmt.Sprintf("%s is %s, which stops at %.0f (%s): inserts fail when it runs out and widening it rewrites the table%s",
		col.Name, col.Type, limit, used, also)
	fix := "ALTER TABLE " + r.Qualified() + " ALTER COLUMN " + finding.QuoteIdent(col.Name) + " TYPE bigint;"
	if col.Sequence != nil {
		fix += " ALTER SEQUENCE " + col.Sequence.String() + " AS bigint;"
	}
	k.add(r.Key(), finding.New("int-pk-overflow-risk", columnObject(r, col.Name), msg, fix))
}

// createdWords and updatedWords are the column names that record when a
// row was made and last changed.
var (
	createdWords = []string{"created", "inserted", "creation", "added"}
	updatedWords = []string{"updated", "modified", "changed", "last_modified"}
)

func hasStampColumn(r *catalog.Relation, words []string) bool {
	for _, c := range r.Columns {
		n := strings.ToLower(c.Name)
		for _, w := range words {
			if strings.HasPrefix(n, w) || strings.HasPrefix(strings.ReplaceAll(n, "_", ""), w) {
				return true
			}
		}
	}
	return false
}

func (k *checker) timestamps(r *catalog.Relation) {
	created, updated := hasStampColumn(r, createdWords), hasStampColumn(r, updatedWords)
	if created && updated {
		return
	}
	var add, missing []string
	if !created {
		add = append(add, "ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()")
		missing = append(missing, "created_at")
	}
	if !updated {
		add = append(add, "ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()")
		missing = append(missing, "updated_at")
	}
	msg := fmt.Sprintf("no %s column: when a row appeared or last changed is the first question in every incident and cannot be recovered later",
		strings.Join(missing, " or "))
	k.add(r.Key(), finding.New("missing-timestamps", r.Qualified(), msg,
		"ALTER TABLE "+r.Qualified()+" "+strings.Join(add, ", ")+";"))
}

// sequenceRules reports sequences that have used most of their range,
// measured against the column they feed when that is narrower.
func (k *checker) sequenceRules() {
	if !k.on("sequence-near-exhaustion") {
		return
	}
	for _, s := range k.c.Sequences {
		if s.Cycle || s.LastValue == nil {
			continue
		}
		frac, limit := s.UsedFraction(), float64(s.Max)
		var owner *catalog.Relation
		var col *catalog.Column
		if s.Owner != nil {
			owner = k.l.Relation(*s.Owner)
			if owner != nil {
				col = owner.Column(s.OwnerColumn)
			}
		}
		if col != nil && s.Increment > 0 {
			if m, ok := typeMax[col.BaseType]; ok && m < limit {
				limit = m
				frac = float64(*s.LastValue) / m
			}
		}
		if frac < 0.75 {
			continue
		}
		obj := finding.Qualified(s.Schema, s.Name)
		msg := fmt.Sprintf("%.1f%% of the range up to %.0f is used: when it runs out every insert that needs a new value fails", 100*frac, limit)
		fix := "ALTER SEQUENCE " + obj + " AS bigint MAXVALUE 9223372036854775807;"
		var rel catalog.Key
		if owner != nil {
			rel = owner.Key()
			if col != nil && typeMax[col.BaseType] > 0 {
				fix = "ALTER TABLE " + owner.Qualified() + " ALTER COLUMN " + finding.QuoteIdent(col.Name) + " TYPE bigint; " + fix
			}
		}
		k.add(rel, finding.New("sequence-near-exhaustion", obj, msg, fix))
	}
}
