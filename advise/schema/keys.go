package schema

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// foreignKeyRules judge a table's foreign keys: are they indexed, is a
// link table unique over its pair, are required ones NOT NULL.
func (k *checker) foreignKeyRules(r *catalog.Relation) {
	var fks []*catalog.Constraint
	for i := range r.Constraints {
		if con := &r.Constraints[i]; con.Type == catalog.ForeignKey {
			fks = append(fks, con)
		}
	}
	junction := isJunction(r, fks)
	tb := indexTable(r)
	for _, fk := range fks {
		if k.on("fk-missing-index") {
			if f, missing := advise.FKMissingIndexOn(tb, *fk, r.Indexes); missing {
				k.add(r.Key(), f)
			}
		}
		if k.on("nullable-fk") {
			k.nullableFK(r, fk, junction)
		}
	}
	if junction && k.on("junction-missing-unique") && !uniqueWithin(r, append(append([]string{}, fks[0].Columns...), fks[1].Columns...)) {
		k.junctionUnique(r, fks)
	}
}

// unquoteKey turns an index key as pg_get_indexdef prints it back into a
// column name: "Full Name" → Full Name; expressions stay as they are.
func unquoteKey(key string) string {
	if len(key) >= 2 && key[0] == '"' && key[len(key)-1] == '"' {
		return strings.ReplaceAll(key[1:len(key)-1], `""`, `"`)
	}
	return key
}

// uniqueWithin reports whether a valid unique index (or primary key) has
// all its key columns among cols: then no pair of cols can repeat.
func uniqueWithin(r *catalog.Relation, cols []string) bool {
	for _, ix := range r.Indexes {
		if !ix.Unique || !ix.Valid || ix.Predicate != "" || ix.Expression {
			continue
		}
		inside := true
		for _, key := range ix.Keys {
			inside = inside && contains(cols, unquoteKey(key))
		}
		if inside {
			return true
		}
	}
	return false
}

// isJunction says whether a table links two others: exactly two foreign
// keys, and at most four columns besides theirs (a surrogate id, two
// timestamps, a role).
func isJunction(r *catalog.Relation, fks []*catalog.Constraint) bool {
	if len(fks) != 2 {
		return false
	}
	// A link table names each side after what it links (task_id → tasks,
	// or the table's own name holds it: task_tags). A table whose key
	// says a role (author_id → users) is an entity of its own, such as a
	// comment, not a link.
	for _, fk := range fks {
		if !namesItsTarget(r.Name, fk) {
			return false
		}
	}
	other := 0
	for _, c := range r.Columns {
		if !contains(fks[0].Columns, c.Name) && !contains(fks[1].Columns, c.Name) {
			other++
		}
	}
	return other <= 4
}

func (k *checker) junctionUnique(r *catalog.Relation, fks []*catalog.Constraint) {
	cols := append(append([]string{}, fks[0].Columns...), fks[1].Columns...)
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = finding.QuoteIdent(c)
	}
	list := strings.Join(quoted, ", ")
	name := finding.QuoteIdent(constraintName(r.Name, strings.Join(cols, "_"), "key"))
	create := "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + r.Qualified() + " (" + list + ");"
	attach := "ALTER TABLE " + r.Qualified() + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name + ";"
	f := finding.New("junction-missing-unique", r.Qualified(),
		fmt.Sprintf("%s links %s and %s but nothing stops the same pair being linked twice; a unique constraint over (%s) makes the pair a fact",
			r.Name, fks[0].References, fks[1].References, strings.Join(cols, ", ")),
		create)
	f.Steps = []string{create, attach}
	k.add(r.Key(), f)
}

// nullableFK reports a nullable single-column foreign key whose
// relationship looks required: the row is deleted with its parent
// (ON DELETE CASCADE), it is one side of a link table, or the statistics
// of a large table show no NULLs at all. ON DELETE SET NULL says the
// opposite and is never reported.
func (k *checker) nullableFK(r *catalog.Relation, fk *catalog.Constraint, junction bool) {
	if len(fk.Columns) != 1 || fk.OnDelete == "SET NULL" {
		return
	}
	col := r.Column(fk.Columns[0])
	if col == nil || col.NotNull {
		return
	}
	var why string
	switch {
	case fk.OnDelete == "CASCADE":
		why = "rows are deleted with their parent (ON DELETE CASCADE), so a row without one makes no sense"
	case junction:
		why = "a link row without both ends links nothing"
	case col.Stats != nil && col.Stats.NullFrac == 0 && r.Rows != nil && *r.Rows >= k.minRows:
		why = fmt.Sprintf("none of the %.0f rows sampled is NULL", *r.Rows)
	default:
		return
	}
	name := finding.QuoteIdent(col.Name)
	check := finding.QuoteIdent(constraintName(r.Name, col.Name, "not_null"))
	steps := []string{
		"ALTER TABLE " + r.Qualified() + " ADD CONSTRAINT " + check + " CHECK (" + name + " IS NOT NULL) NOT VALID;",
		"ALTER TABLE " + r.Qualified() + " VALIDATE CONSTRAINT " + check + ";",
		"ALTER TABLE " + r.Qualified() + " ALTER COLUMN " + name + " SET NOT NULL;",
		"ALTER TABLE " + r.Qualified() + " DROP CONSTRAINT " + check + ";",
	}
	f := finding.New("nullable-fk", columnObject(r, col.Name),
		fmt.Sprintf("%s may be NULL but the relationship looks required: %s", col.Name, why),
		"ALTER TABLE "+r.Qualified()+" ALTER COLUMN "+name+" SET NOT NULL;")
	f.Steps = steps
	k.add(r.Key(), f)
}

// namesItsTarget reports whether a single-column foreign key is named
// after the table it references (user_id → users), or the referencing
// table's name contains that table's (task_tags → tags).
func namesItsTarget(table string, fk *catalog.Constraint) bool {
	if fk.References == nil || len(fk.Columns) != 1 {
		return false
	}
	target := strings.ToLower(singular(fk.References.Name))
	col := strings.ToLower(fk.Columns[0])
	table = strings.ToLower(table)
	return col == target+"_id" || col == target || strings.Contains(table, target) ||
		strings.Contains(table, strings.ToLower(fk.References.Name))
}

// singular makes the common English plural of a table name singular:
// users → user, categories → category, addresses → address.
func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies") && len(name) > 3:
		return name[:len(name)-3] + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "xes"), strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "shes"):
		return name[:len(name)-2]
	case strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss"):
		return name[:len(name)-1]
	}
	return name
}
