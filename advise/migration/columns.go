package migration

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/finding"
)

// addColumn checks ADD COLUMN on an existing table: a volatile default
// rewrites it, and NOT NULL with no default fails on any existing row.
func (l *linter) addColumn(rel *pg.RangeVar, cd *pg.ColumnDef) {
	table := refOf(rel)
	col := cd.Colname
	def := cd.RawDefault
	if c := columnConstraint(cd, pg.ConstrType_CONSTR_DEFAULT); c != nil {
		def = c.RawExpr
	}
	norm := advise.NormalizeType(typeString(cd.TypeName))
	class, fn := volatility(def)
	switch {
	case advise.IsSerial(norm):
		class, fn = "volatile", "nextval (from "+norm+")"
	case hasConstraint(cd, pg.ConstrType_CONSTR_IDENTITY):
		class, fn = "volatile", "nextval (from the identity)"
	case hasConstraint(cd, pg.ConstrType_CONSTR_GENERATED):
		class, fn = "volatile", "the generated expression"
	}
	if class != "" {
		l.did(table, workRewrite)
		f := finding.New("add-column-volatile-default", colRef(table, col), "", "")
		msg := "the default calls " + fn + ", which is volatile: PostgreSQL must compute it for every existing row and rewrites the whole table under ACCESS EXCLUSIVE"
		if class == "unknown" {
			f.Severity = finding.Warning
			msg = "the default calls " + fn + "(), whose volatility is not known offline: if it is volatile, PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE"
		}
		steps := []string{"ALTER TABLE " + table.String() + " ADD COLUMN " + finding.QuoteIdent(col) + " " + typeSQL(cd.TypeName) + ";  -- no default: a catalog-only change"}
		if def != nil {
			steps = append(steps,
				"ALTER TABLE "+table.String()+" ALTER COLUMN "+finding.QuoteIdent(col)+" SET DEFAULT "+exprSQL(def)+";  -- new rows only",
				backfillStep(table, col, exprSQL(def)))
		}
		l.addWith(f, msg, steps)
	}
	notNull := cd.IsNotNull || hasConstraint(cd, pg.ConstrType_CONSTR_NOTNULL) || hasConstraint(cd, pg.ConstrType_CONSTR_PRIMARY)
	if notNull && def == nil && class == "" {
		qc := finding.QuoteIdent(col)
		l.add("add-column-required", colRef(table, col),
			"NOT NULL without a default fails as soon as the table has a row (\"column contains null values\")",
			"ALTER TABLE "+table.String()+" ADD COLUMN "+qc+" "+typeSQL(cd.TypeName)+" NOT NULL DEFAULT <constant>;  -- a constant default is a catalog-only change since PostgreSQL 11",
			"ALTER TABLE "+table.String()+" ADD COLUMN "+qc+" "+typeSQL(cd.TypeName)+";",
			backfillStep(table, col, "<value>"),
			"then make it NOT NULL without a long lock: CHECK ("+qc+" IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, SET NOT NULL")
	}
}

// addWith reports a finding whose severity the caller has adjusted.
func (l *linter) addWith(f finding.Finding, msg string, steps []string) {
	if l.cur.ignore[f.Rule] {
		return
	}
	f.Message, f.Steps = msg, steps
	l.out = append(l.out, Finding{File: l.src.Name, Statement: l.cur.text, Line: l.cur.line, Finding: f, Lock: strongest(l.locks)})
}

func (l *linter) changeType(table Ref, col string, cd *pg.ColumnDef) {
	old := ""
	if l.opts.Facts != nil {
		old, _ = l.opts.Facts.ColumnType(table, col)
	}
	newType := typeSQL(cd.TypeName)
	if !rewrites(old, advise.NormalizeType(typeString(cd.TypeName)), typmods(cd.TypeName), cd.RawDefault != nil) {
		return
	}
	l.did(table, workRewrite)
	tmp := col + "_new"
	qc, qt := finding.QuoteIdent(col), finding.QuoteIdent(tmp)
	from := ""
	if old != "" {
		from = " from " + old
	}
	l.add("change-column-type", colRef(table, col),
		"changing "+col+from+" to "+newType+" rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE, blocking reads and writes throughout",
		"",
		"ALTER TABLE "+table.String()+" ADD COLUMN "+qt+" "+newType+";  -- plus a trigger copying "+qc+" into "+qt+" on INSERT and UPDATE",
		backfillStep(table, tmp, qc+"::"+newType),
		"deploy code that reads and writes "+qt,
		"ALTER TABLE "+table.String()+" DROP COLUMN "+qc+"; ALTER TABLE "+table.String()+" RENAME COLUMN "+qt+" TO "+qc+";  -- once nothing uses the old column")
}

// widening are the target types that often come from a type changed in
// place without a rewrite (varchar(n) → text or a longer varchar, numeric
// with more precision); offline, with the old type unknown, a change to
// one of them without USING is given the benefit of the doubt.
var widening = map[string]bool{"text": true, "varchar": true, "numeric": true, "varbit": true, "inet": true, "citext": true}

// rewrites decides whether ALTER COLUMN TYPE rewrites the table. old is
// the current type as format_type prints it, "" when unknown.
func rewrites(old, newType string, newMods []int32, using bool) bool {
	if using {
		return true
	}
	if old == "" {
		return !widening[newType]
	}
	oldType, oldMods := advise.NormalizeType(old), formatMods(old)
	switch {
	case oldType == newType:
		switch {
		case len(newMods) == 0 && (oldType == "varchar" || oldType == "numeric" || oldType == "varbit"):
			return false
		case len(oldMods) == 0 && len(newMods) == 0:
			return false
		case len(oldMods) == 0 || len(newMods) == 0:
			return true
		case oldType == "varchar" || oldType == "varbit":
			return newMods[0] < oldMods[0]
		case oldType == "numeric":
			// More precision at the same scale keeps every value as is.
			return len(oldMods) != len(newMods) || newMods[0] < oldMods[0] || (len(newMods) > 1 && newMods[1] != oldMods[1])
		}
		return !equalMods(oldMods, newMods)
	case oldType == "varchar" && newType == "text", oldType == "text" && newType == "varchar" && len(newMods) == 0,
		oldType == "cidr" && newType == "inet":
		return false
	}
	return true
}

// formatMods reads the modifiers of a format_type string:
// "character varying(40)" → [40], "numeric(12,2)" → [12 2].
func formatMods(t string) []int32 {
	i, j := strings.IndexByte(t, '('), strings.IndexByte(t, ')')
	if i < 0 || j < i {
		return nil
	}
	var out []int32
	for _, p := range strings.Split(t[i+1:j], ",") {
		v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 32)
		if err != nil {
			return nil
		}
		out = append(out, int32(v))
	}
	return out
}

func equalMods(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
