package explain

import (
	"fmt"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

// maxIndexColumns caps a proposed index: past three columns an index on a
// filter is rarely worth its write cost.
const maxIndexColumns = 3

// FilterColumns are the columns a scan filter tests, as pg_query parses
// the filter PostgreSQL printed.
type FilterColumns struct {
	// Equality columns are compared with =, IN/ANY or IS NULL; Range
	// columns with <, <=, >, >=. Each column appears once, in filter order.
	Equality []string
	Range    []string
	// Wrapped are columns the filter applies a function or operator to
	// (lower(status) = …): a plain index on them would not be used.
	Wrapped []string

	alias string
}

// ParseFilter reads the columns of a filter such as
// "((project_id = 42) AND (status = 'open'::text))". Conditions joined by
// OR, sub-plans and the like give an error: no single index serves them.
func ParseFilter(filter string) (FilterColumns, error) { return ParseScanFilter(filter, "") }

// ParseScanFilter is ParseFilter for the filter of a scan whose alias is
// known: a column qualified with another alias (an outer query's, in a
// correlated sub-plan) is then a parameter, as good as a constant.
func ParseScanFilter(filter, alias string) (FilterColumns, error) {
	fc := FilterColumns{alias: alias}
	res, err := pgq.Parse("SELECT FROM t WHERE " + filter)
	if err != nil {
		return fc, fmt.Errorf("parse filter: %w", err)
	}
	if len(res.Stmts) != 1 || res.Stmts[0].Stmt.GetSelectStmt() == nil {
		return fc, fmt.Errorf("filter %q is not one expression", filter)
	}
	if err := fc.walk(res.Stmts[0].Stmt.GetSelectStmt().WhereClause); err != nil {
		return fc, err
	}
	if len(fc.Equality)+len(fc.Range) == 0 {
		return fc, fmt.Errorf("filter %q compares no plain column with a constant", filter)
	}
	return fc, nil
}

func (fc *FilterColumns) walk(n *pg_query.Node) error {
	if b := n.GetBoolExpr(); b != nil {
		if b.Boolop != pg_query.BoolExprType_AND_EXPR {
			return fmt.Errorf("filter uses OR or NOT")
		}
		for _, a := range b.Args {
			if err := fc.walk(a); err != nil {
				return err
			}
		}
		return nil
	}
	if t := n.GetNullTest(); t != nil {
		if col, ok := column(t.Arg); ok && t.Nulltesttype == pg_query.NullTestType_IS_NULL {
			fc.Equality = addCol(fc.Equality, col)
		}
		return nil
	}
	e := n.GetAExpr()
	if e == nil || len(e.Name) != 1 {
		return nil
	}
	op := e.Name[0].GetString_().GetSval()
	col, ok := fc.own(e.Lexpr)
	other := e.Rexpr
	if !ok || !fc.constant(other) {
		col, ok = fc.own(e.Rexpr)
		other = e.Lexpr
		op = flip(op)
	}
	if !ok {
		if c := wrappedColumn(e.Lexpr); c != "" {
			fc.Wrapped = addCol(fc.Wrapped, c)
		}
		return nil
	}
	if !fc.constant(other) {
		return nil
	}
	switch {
	case op == "=" && (e.Kind == pg_query.A_Expr_Kind_AEXPR_OP || e.Kind == pg_query.A_Expr_Kind_AEXPR_OP_ANY || e.Kind == pg_query.A_Expr_Kind_AEXPR_IN):
		fc.Equality = addCol(fc.Equality, col)
	case e.Kind == pg_query.A_Expr_Kind_AEXPR_OP && (op == "<" || op == "<=" || op == ">" || op == ">="):
		fc.Range = addCol(fc.Range, col)
	}
	return nil
}

func flip(op string) string {
	switch op {
	case "<":
		return ">"
	case ">":
		return "<"
	case "<=":
		return ">="
	case ">=":
		return "<="
	}
	return op
}

func addCol(cols []string, c string) []string {
	if slices.Contains(cols, c) {
		return cols
	}
	return append(cols, c)
}

// own returns the column of n when n is a column of the scanned relation:
// unqualified, or qualified with the scan's alias.
func (fc *FilterColumns) own(n *pg_query.Node) (string, bool) {
	q := qualifier(n)
	if q != "" && fc.alias != "" && q != fc.alias {
		return "", false
	}
	return column(n)
}

func qualifier(n *pg_query.Node) string {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().Arg
	}
	if c := n.GetColumnRef(); c != nil && len(c.Fields) == 2 {
		return c.Fields[0].GetString_().GetSval()
	}
	return ""
}

// column returns the column name of a column reference, looking through
// casts (EXPLAIN prints ((status)::text = 'x'::text) for varchar).
func column(n *pg_query.Node) (string, bool) {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().Arg
	}
	c := n.GetColumnRef()
	if c == nil || len(c.Fields) == 0 {
		return "", false
	}
	s := c.Fields[len(c.Fields)-1].GetString_()
	if s == nil {
		return "", false
	}
	return s.Sval, true
}

func wrappedColumn(n *pg_query.Node) string {
	if f := n.GetFuncCall(); f != nil {
		for _, a := range f.Args {
			if c, ok := column(a); ok {
				return c
			}
		}
	}
	return ""
}

// constant reports whether n is a literal, a parameter or a cast of one;
// with the scan's alias known, a column of another relation is a parameter.
func (fc *FilterColumns) constant(n *pg_query.Node) bool {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().Arg
	}
	if q := qualifier(n); q != "" && fc.alias != "" && q != fc.alias {
		return true
	}
	if n.GetAConst() != nil || n.GetParamRef() != nil {
		return true
	}
	if l := n.GetList(); l != nil {
		for _, it := range l.Items {
			if !fc.constant(it) {
				return false
			}
		}
		return true
	}
	if n.GetAArrayExpr() != nil || n.GetSqlvalueFunction() != nil {
		return true
	}
	// now(), a function of constants: stable for the statement, so an
	// index can use it like a constant.
	if f := n.GetFuncCall(); f != nil {
		for _, a := range f.Args {
			if !fc.constant(a) {
				return false
			}
		}
		return true
	}
	return false
}

// IndexColumns orders the columns an index for this filter should have:
// equality columns first, then one range column (a B-tree can use only
// the first range column after the equalities), at most maxIndexColumns.
func (fc FilterColumns) IndexColumns() []string {
	cols := slices.Clone(fc.Equality)
	for _, r := range fc.Range {
		if !slices.Contains(cols, r) {
			cols = append(cols, r)
			break
		}
	}
	if len(cols) > maxIndexColumns {
		cols = cols[:maxIndexColumns]
	}
	return cols
}

// CreateIndexSQL is the statement that builds an index on cols of
// schema.table without blocking writes, named the way PostgreSQL names
// indexes by default (table_col_col_idx, cut to 63 bytes).
func CreateIndexSQL(schema, table string, cols []string) string {
	name := table + "_" + strings.Join(cols, "_") + "_idx"
	if len(name) > 63 {
		name = name[:59] + "_idx"
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = finding.QuoteIdent(c)
	}
	return fmt.Sprintf("CREATE INDEX CONCURRENTLY %s ON %s (%s);",
		finding.QuoteIdent(name), finding.Qualified(schema, table), strings.Join(quoted, ", "))
}
