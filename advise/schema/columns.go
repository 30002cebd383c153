package schema

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

// columnRules runs the per-column rules: the type advice shared with the
// migration linter, and enum-like-text.
func (k *checker) columnRules(r *catalog.Relation) {
	for i := range r.Columns {
		col := &r.Columns[i]
		if !col.Local {
			continue
		}
		k.typeRules(r, col)
		k.enumLike(r, col)
	}
}

// columnTypeName is the type a column is judged as: its internal name,
// or the serial pseudo-type when it draws from an owned sequence through
// a nextval() default (not an identity column).
func columnTypeName(col *catalog.Column) string {
	t := col.BaseType
	if col.Sequence != nil && col.Identity == "" && col.Default != nil && strings.HasPrefix(*col.Default, "nextval(") {
		switch t {
		case "int4":
			return "serial"
		case "int8":
			return "bigserial"
		case "int2":
			return "smallserial"
		}
	}
	return t
}

func (k *checker) typeRules(r *catalog.Relation, col *catalog.Column) {
	if col.Array || col.TypeSchema != "pg_catalog" {
		return // arrays and user types: the shared advice speaks of scalars
	}
	var mods []int32
	if col.Length >= 0 {
		mods = []int32{col.Length}
	}
	tbl := "ALTER TABLE " + r.Qualified() + " ALTER COLUMN " + finding.QuoteIdent(col.Name)
	name := finding.QuoteIdent(col.Name)
	for _, a := range advise.ColumnTypeAdvice(col.Name, columnTypeName(col), mods) {
		if !k.on(a.Rule) {
			continue
		}
		var fix string
		var steps []string
		switch a.Rule {
		case "float-money":
			fix = tbl + " TYPE " + a.Better + ";"
		case "timestamp-without-tz":
			fix = tbl + " TYPE timestamptz USING " + name + " AT TIME ZONE 'UTC';"
		case "varchar-length":
			cname := constraintName(r.Name, col.Name, "length")
			fix = "ALTER TABLE " + r.Qualified() + " ALTER COLUMN " + name + " TYPE text, ADD CONSTRAINT " +
				finding.QuoteIdent(cname) + fmt.Sprintf(" CHECK (char_length(%s) <= %d) NOT VALID;", name, col.Length)
		case "char-type":
			fix = tbl + " TYPE text;"
		case "json-not-jsonb":
			fix = tbl + " TYPE jsonb USING " + name + "::jsonb;"
		case "serial-not-identity":
			fix, steps = k.identityFix(r, col, a.Better)
		}
		f := finding.New(a.Rule, columnObject(r, col.Name), a.Message, fix)
		f.Steps = steps
		k.add(r.Key(), f)
	}
}

// identityFix turns a serial column into an identity column that carries
// on from where the old sequence stopped, in one transaction.
func (k *checker) identityFix(r *catalog.Relation, col *catalog.Column, better string) (string, []string) {
	seq := col.Sequence.String()
	ident := strings.TrimPrefix(better, strings.SplitN(better, " ", 2)[0]+" ")
	tbl := "ALTER TABLE " + r.Qualified() + " ALTER COLUMN " + finding.QuoteIdent(col.Name)
	steps := []string{
		"BEGIN;",
		tbl + " DROP DEFAULT;",
		"DROP SEQUENCE " + seq + ";",
		tbl + " ADD " + ident + ";",
		fmt.Sprintf("SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max(%s), 0) + 1, false) FROM %s;",
			finding.QuoteLiteral(r.Qualified()), finding.QuoteLiteral(col.Name), finding.QuoteIdent(col.Name), r.Qualified()),
		"COMMIT;",
	}
	return strings.Join(steps, " "), steps
}

// textTypes are the types enum-like-text judges.
var textTypes = map[string]bool{"text": true, "varchar": true, "bpchar": true}

// maxEnumLike is the most distinct values a column may have to look like
// a closed set of states rather than free text.
const maxEnumLike = 20

func (k *checker) enumLike(r *catalog.Relation, col *catalog.Column) {
	if !k.on("enum-like-text") || col.Array || col.TypeSchema != "pg_catalog" || !textTypes[col.BaseType] ||
		col.Stats == nil || r.Rows == nil || *r.Rows < k.minRows {
		return
	}
	n := col.Stats.Distinct(*r.Rows)
	if n < 1 || n > maxEnumLike {
		return
	}
	for _, con := range r.Constraints {
		if (con.Type == catalog.Check || con.Type == catalog.ForeignKey || con.Type == catalog.Unique ||
			con.Type == catalog.PrimaryKey) && contains(con.Columns, col.Name) {
			return
		}
	}
	name := finding.QuoteIdent(col.Name)
	values := "…"
	if len(col.Stats.Common) > 0 && col.Stats.CommonFreqSum+col.Stats.NullFrac > 0.999 {
		q := make([]string, len(col.Stats.Common))
		for i, v := range col.Stats.Common {
			q[i] = finding.QuoteLiteral(v)
		}
		values = strings.Join(q, ", ")
	}
	fix := "ALTER TABLE " + r.Qualified() + " ADD CONSTRAINT " + finding.QuoteIdent(constraintName(r.Name, col.Name, "check")) +
		" CHECK (" + name + " IN (" + values + ")) NOT VALID;"
	msg := fmt.Sprintf("%s holds only about %.0f distinct values over %.0f rows and nothing constrains them: a typo becomes a new state; a CHECK (or an enum type) keeps the set closed",
		col.Name, n, *r.Rows)
	k.add(r.Key(), finding.New("enum-like-text", columnObject(r, col.Name), msg, fix))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// constraintName builds table_column_suffix as PostgreSQL would, cut to
// the 63-byte identifier limit at a character boundary so long names stay
// valid and distinct by their suffix.
func constraintName(table, col, suffix string) string {
	const limit = 63
	tail := "_" + suffix
	base := table + "_" + col
	if len(base)+len(tail) <= limit {
		return base + tail
	}
	room := limit - len(tail)
	cut := 0
	for i := range base {
		if i > room {
			break
		}
		cut = i
	}
	if len(base) <= room {
		cut = len(base)
	}
	return base[:cut] + tail
}
