package migration

import (
	"fmt"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"
	"sync"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

// treeVersion is the parse tree version the deparser insists on, read
// once from the parser itself.
var treeVersion = sync.OnceValue(func() int32 {
	r, err := pgq.Parse("SELECT 1")
	if err != nil {
		return 0
	}
	return r.Version
})

// deparse turns a statement tree back into SQL (pg_query quotes every
// identifier that needs it), or "" if it cannot.
func deparse(n *pg.Node) string {
	out, err := pgq.Deparse(&pg.ParseResult{Version: treeVersion(), Stmts: []*pg.RawStmt{{Stmt: n}}})
	if err != nil {
		return ""
	}
	return out + ";"
}

// alterOne deparses ALTER TABLE table with the single subcommand cmd.
func alterOne(table *pg.RangeVar, cmd *pg.AlterTableCmd) string {
	return deparse(&pg.Node{Node: &pg.Node_AlterTableStmt{AlterTableStmt: &pg.AlterTableStmt{
		Relation: table, Objtype: pg.ObjectType_OBJECT_TABLE,
		Cmds: []*pg.Node{{Node: &pg.Node_AlterTableCmd{AlterTableCmd: cmd}}},
	}}})
}

// sqlTypeNames spells pg_catalog types the way people write them.
var sqlTypeNames = map[string]string{
	"int4": "integer", "int8": "bigint", "int2": "smallint", "float8": "double precision",
	"float4": "real", "bpchar": "char", "bool": "boolean", "varchar": "varchar",
	"numeric": "numeric", "timestamp": "timestamp", "timestamptz": "timestamptz",
	"time": "time", "timetz": "timetz", "interval": "interval", "bit": "bit", "varbit": "varbit",
}

// typeSQL renders a type as SQL, quoting user-defined names.
func typeSQL(t *pg.TypeName) string {
	if t == nil {
		return ""
	}
	var parts []string
	for _, n := range t.Names {
		parts = append(parts, n.GetString_().GetSval())
	}
	var name string
	if len(parts) == 2 && parts[0] == "pg_catalog" && sqlTypeNames[parts[1]] != "" {
		name = sqlTypeNames[parts[1]]
	} else {
		q := make([]string, len(parts))
		for i, p := range parts {
			q[i] = finding.QuoteIdent(p)
		}
		name = strings.Join(q, ".")
	}
	if mods := typmods(t); len(mods) > 0 {
		ms := make([]string, len(mods))
		for i, m := range mods {
			ms[i] = fmt.Sprint(m)
		}
		name += "(" + strings.Join(ms, ",") + ")"
	}
	return name + strings.Repeat("[]", len(t.ArrayBounds))
}

// colRef names table.column for a finding's object.
func colRef(table Ref, col string) string { return table.String() + "." + finding.QuoteIdent(col) }

// keyNames lists a constraint's column names.
func keyNames(keys []*pg.Node) []string {
	var out []string
	for _, k := range keys {
		if s := k.GetString_(); s != nil {
			out = append(out, s.Sval)
		}
	}
	return out
}

// quoteList quotes and joins column names.
func quoteList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = finding.QuoteIdent(c)
	}
	return strings.Join(q, ", ")
}

// constraintName is the constraint's own name, or the name PostgreSQL
// would give it (table_col_fkey and so on) so a fix can refer to it.
func constraintName(table Ref, con *pg.Constraint) string {
	if con.Conname != "" {
		return con.Conname
	}
	cols := keyNames(con.FkAttrs)
	if len(cols) == 0 {
		cols = keyNames(con.Keys)
	}
	suffix := map[pg.ConstrType]string{pg.ConstrType_CONSTR_FOREIGN: "fkey", pg.ConstrType_CONSTR_CHECK: "check",
		pg.ConstrType_CONSTR_UNIQUE: "key", pg.ConstrType_CONSTR_PRIMARY: "pkey"}[con.Contype]
	parts := append([]string{table.Name}, cols...)
	return truncIdent(strings.Join(append(parts, suffix), "_"))
}

// truncIdent cuts a generated name to PostgreSQL's 63-byte identifier
// limit without splitting a UTF-8 character.
func truncIdent(s string) string {
	if len(s) <= 63 {
		return s
	}
	i := 63
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// backfillStep is the advice to fill a column in batches, each its own
// transaction, so no single UPDATE holds row locks on the whole table.
func backfillStep(table Ref, col, value string) string {
	return fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s IS NULL AND <key> BETWEEN <lo> AND <hi>;  -- in batches of a few thousand rows, one transaction each",
		table, finding.QuoteIdent(col), value, finding.QuoteIdent(col))
}

// exprSQL renders an expression as SQL by deparsing SELECT expr.
func exprSQL(n *pg.Node) string {
	if n == nil {
		return ""
	}
	s := deparse(&pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
		TargetList: []*pg.Node{{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Val: n}}}},
	}}})
	return strings.TrimSuffix(strings.TrimPrefix(s, "SELECT "), ";")
}
