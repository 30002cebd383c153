package migration

import (
	"fmt"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/finding"
)

func (l *linter) createTable(c *pg.CreateStmt) {
	table := refOf(c.Relation)
	l.created[table.Name] = true
	pk := map[string]bool{}
	for _, e := range append(c.TableElts, c.Constraints...) {
		if con := e.GetConstraint(); con != nil && con.Contype == pg.ConstrType_CONSTR_PRIMARY {
			for _, k := range keyNames(con.Keys) {
				pk[k] = true
			}
		}
	}
	for _, e := range c.TableElts {
		if cd := e.GetColumnDef(); cd != nil {
			l.columnType(table, cd.Colname, cd.TypeName, pk[cd.Colname] || hasConstraint(cd, pg.ConstrType_CONSTR_PRIMARY))
		}
	}
}

func hasConstraint(cd *pg.ColumnDef, t pg.ConstrType) bool {
	return columnConstraint(cd, t) != nil
}

func columnConstraint(cd *pg.ColumnDef, t pg.ConstrType) *pg.Constraint {
	for _, n := range cd.Constraints {
		if c := n.GetConstraint(); c != nil && c.Contype == t {
			return c
		}
	}
	return nil
}

// columnType reports the type advice shared with the schema advisor and
// prefer-bigint for integer keys.
func (l *linter) columnType(table Ref, col string, t *pg.TypeName, key bool) {
	if t == nil {
		return
	}
	typ := typeString(t)
	for _, a := range advise.ColumnTypeAdvice(col, typ, typmods(t)) {
		l.add(a.Rule, colRef(table, col), a.Message, "declare "+finding.QuoteIdent(col)+" as "+a.Better)
	}
	if advise.IsNarrowInt(advise.NormalizeType(typ)) && (key || advise.KeyName(col)) {
		l.add("prefer-bigint", colRef(table, col),
			fmt.Sprintf("%s is a key declared as %s: 32-bit keys run out at 2.1 billion, and widening later rewrites the table and every index on it", col, typeSQL(t)),
			"declare "+finding.QuoteIdent(col)+" as bigint")
	}
}

func (l *linter) alterTable(a *pg.AlterTableStmt) {
	if a.Objtype != pg.ObjectType_OBJECT_TABLE {
		return
	}
	table := refOf(a.Relation)
	existing := l.existing(table)
	for _, n := range a.Cmds {
		c := n.GetAlterTableCmd()
		if c == nil {
			continue
		}
		switch c.Subtype {
		case pg.AlterTableType_AT_AddColumn:
			if cd := c.Def.GetColumnDef(); cd != nil {
				l.columnType(table, cd.Colname, cd.TypeName, hasConstraint(cd, pg.ConstrType_CONSTR_PRIMARY))
				if existing {
					l.addColumn(a.Relation, cd)
				}
			}
		case pg.AlterTableType_AT_AlterColumnType:
			if cd := c.Def.GetColumnDef(); cd != nil {
				l.columnType(table, c.Name, cd.TypeName, false)
				if existing {
					l.changeType(table, c.Name, cd)
				}
			}
		case pg.AlterTableType_AT_SetNotNull:
			if existing && !l.validNotNull[table.Name+"|"+c.Name] {
				l.did(table, workScan)
				l.setNotNull(a.Relation, c.Name)
			}
		case pg.AlterTableType_AT_AddConstraint:
			if con := c.Def.GetConstraint(); con != nil {
				l.addConstraint(a.Relation, con, existing)
			}
		case pg.AlterTableType_AT_ValidateConstraint:
			if existing {
				l.did(table, workScan)
			}
			if col, ok := l.notNullChecks[table.Name+"|"+c.Name]; ok {
				l.validNotNull[table.Name+"|"+col] = true
			}
		case pg.AlterTableType_AT_DropColumn:
			if existing {
				l.dropColumn(table, c.Name)
			}
		}
	}
}

func (l *linter) dropColumn(table Ref, col string) {
	l.add("drop-column", colRef(table, col),
		"dropping "+col+" loses its data, and running code that still selects or inserts it fails at once",
		"",
		"deploy code that no longer reads or writes "+finding.QuoteIdent(col)+" (with an ORM, mark it ignored first)",
		"take a backup of the column if the data may be needed: CREATE TABLE … AS SELECT <key>, "+finding.QuoteIdent(col)+" FROM "+table.String()+";",
		"ALTER TABLE "+table.String()+" DROP COLUMN "+finding.QuoteIdent(col)+";  -- in a later migration, with lock_timeout set")
}

func (l *linter) setNotNull(rel *pg.RangeVar, col string) {
	table := refOf(rel)
	check := truncIdent(table.Name + "_" + col + "_not_null")
	qc, qcol := finding.QuoteIdent(check), finding.QuoteIdent(col)
	l.add("set-not-null", colRef(table, col),
		"SET NOT NULL scans the whole table to check for NULLs while holding ACCESS EXCLUSIVE, blocking reads and writes for the length of the scan",
		"",
		"ALTER TABLE "+table.String()+" ADD CONSTRAINT "+qc+" CHECK ("+qcol+" IS NOT NULL) NOT VALID;",
		"ALTER TABLE "+table.String()+" VALIDATE CONSTRAINT "+qc+";  -- scans without blocking writes",
		"ALTER TABLE "+table.String()+" ALTER COLUMN "+qcol+" SET NOT NULL;  -- PostgreSQL 12+ uses the valid CHECK and skips the scan",
		"ALTER TABLE "+table.String()+" DROP CONSTRAINT "+qc+";")
}

// notNullCheckColumn returns col when a CHECK constraint is exactly
// "col IS NOT NULL".
func notNullCheckColumn(con *pg.Constraint) string {
	nt := con.RawExpr.GetNullTest()
	if nt == nil || nt.Nulltesttype != pg.NullTestType_IS_NOT_NULL {
		return ""
	}
	cr := nt.Arg.GetColumnRef()
	if cr == nil || len(cr.Fields) != 1 {
		return ""
	}
	return cr.Fields[0].GetString_().GetSval()
}

func (l *linter) addConstraint(rel *pg.RangeVar, con *pg.Constraint, existing bool) {
	table := refOf(rel)
	name := constraintName(table, con)
	switch con.Contype {
	case pg.ConstrType_CONSTR_CHECK, pg.ConstrType_CONSTR_FOREIGN:
		if col := notNullCheckColumn(con); col != "" {
			if con.SkipValidation {
				l.notNullChecks[table.Name+"|"+name] = col
			} else {
				l.validNotNull[table.Name+"|"+col] = true
			}
		}
		if !existing || con.SkipValidation {
			return
		}
		l.did(table, workScan)
		what := "CHECK"
		why := "scans the whole table under ACCESS EXCLUSIVE, blocking reads and writes"
		if con.Contype == pg.ConstrType_CONSTR_FOREIGN {
			what = "FOREIGN KEY"
			why = "scans the whole table under SHARE ROW EXCLUSIVE on both tables, blocking writes to both"
		}
		oldName, oldSkip := con.Conname, con.SkipValidation
		con.Conname, con.SkipValidation = name, true
		add := alterOne(rel, &pg.AlterTableCmd{Subtype: pg.AlterTableType_AT_AddConstraint, Def: &pg.Node{Node: &pg.Node_Constraint{Constraint: con}}})
		con.Conname, con.SkipValidation = oldName, oldSkip
		l.add("constraint-not-valid-missing", table.String(),
			"adding a "+what+" constraint without NOT VALID "+why+" while every existing row is checked",
			"", add,
			"ALTER TABLE "+table.String()+" VALIDATE CONSTRAINT "+finding.QuoteIdent(name)+";  -- checks existing rows under SHARE UPDATE EXCLUSIVE, reads and writes go on")
	case pg.ConstrType_CONSTR_UNIQUE, pg.ConstrType_CONSTR_PRIMARY:
		if !existing || con.Indexname != "" || len(con.Keys) == 0 {
			return
		}
		l.did(table, workIndex)
		kind := "UNIQUE"
		if con.Contype == pg.ConstrType_CONSTR_PRIMARY {
			kind = "PRIMARY KEY"
		}
		qn := finding.QuoteIdent(name)
		l.add("unique-constraint-direct", table.String(),
			"adding a "+kind+" constraint builds its index under ACCESS EXCLUSIVE, blocking reads and writes for the whole build",
			"",
			"CREATE UNIQUE INDEX CONCURRENTLY "+qn+" ON "+table.String()+" ("+quoteList(keyNames(con.Keys))+");  -- in its own migration, outside a transaction",
			"ALTER TABLE "+table.String()+" ADD CONSTRAINT "+qn+" "+kind+" USING INDEX "+qn+";")
	}
}
