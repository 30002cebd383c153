package migration

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// walk calls fn on every message of the tree under m, depth first, and
// stops descending below a message when fn returns false. pg_query's tree
// is protobuf, so reflection reaches every node kind without a
// hand-written case per type.
func walk(m protoreflect.Message, fn func(protoreflect.Message) bool) {
	if m == nil || !m.IsValid() || !fn(m) {
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walk(l.Get(i).Message(), fn)
			}
		case fd.Message() != nil && !fd.IsMap():
			walk(v.Message(), fn)
		}
		return true
	})
}

// walkNode walks a pg_query node; a nil node is an empty tree.
func walkNode(n *pg.Node, fn func(protoreflect.Message) bool) {
	if n == nil {
		return
	}
	walk(n.ProtoReflect(), fn)
}

// nameOf joins a list of String nodes (a qualified name) with dots.
func nameOf(names []*pg.Node) string {
	parts := make([]string, 0, len(names))
	for _, n := range names {
		if s := n.GetString_(); s != nil {
			parts = append(parts, s.Sval)
		}
	}
	return strings.Join(parts, ".")
}

// lastName is the unqualified last part of a qualified name.
func lastName(names []*pg.Node) string {
	if len(names) == 0 {
		return ""
	}
	if s := names[len(names)-1].GetString_(); s != nil {
		return s.Sval
	}
	return ""
}

// typeString renders a TypeName as its (qualified) name without modifiers,
// e.g. "pg_catalog.int4" or "public.mood".
func typeString(t *pg.TypeName) string {
	if t == nil {
		return ""
	}
	return nameOf(t.Names)
}

// typmods returns a TypeName's integer modifiers: varchar(40) → [40],
// numeric(12,2) → [12 2]. Non-integer modifiers are skipped.
func typmods(t *pg.TypeName) []int32 {
	if t == nil {
		return nil
	}
	var out []int32
	for _, m := range t.Typmods {
		if c := m.GetAConst(); c != nil && c.GetIval() != nil {
			out = append(out, c.GetIval().Ival)
		}
	}
	return out
}

// volatileFuncs are common functions whose value changes from row to row:
// a column default calling one of them must be evaluated for every
// existing row, which rewrites the table.
var volatileFuncs = map[string]bool{
	"clock_timestamp": true, "random": true, "random_normal": true, "gen_random_uuid": true,
	"uuid_generate_v1": true, "uuid_generate_v1mc": true, "uuid_generate_v4": true,
	"uuidv4": true, "uuidv7": true, "nextval": true, "currval": true, "setval": true,
	"timeofday": true, "gen_random_bytes": true, "txid_current": true, "pg_current_xact_id": true,
}

// nonVolatileFuncs are common stable or immutable functions: PostgreSQL 11
// and later evaluate such a default once and store it in the catalog, so
// adding the column rewrites nothing. now() is the usual one.
var nonVolatileFuncs = map[string]bool{
	"now": true, "statement_timestamp": true, "transaction_timestamp": true,
	"current_setting": true, "lower": true, "upper": true, "length": true, "abs": true,
	"md5": true, "concat": true, "to_char": true, "to_timestamp": true, "to_date": true,
	"make_interval": true, "make_date": true, "jsonb_build_object": true, "json_build_object": true,
	"jsonb_build_array": true, "array_fill": true, "date_trunc": true, "round": true,
	"replace": true, "btrim": true, "trim": true, "left": true, "right": true, "substr": true,
	"format": true, "inet_client_addr": true, "current_database": true, "version": true,
}

// volatility classifies an expression offline: "volatile" when it calls a
// known volatile function, "unknown" when it calls a function in neither
// list (only the catalog knows), "" when it is stable or immutable.
func volatility(n *pg.Node) (class, fn string) {
	walkNode(n, func(m protoreflect.Message) bool {
		f, ok := m.Interface().(*pg.FuncCall)
		if !ok {
			return true
		}
		name := strings.ToLower(lastName(f.Funcname))
		switch {
		case volatileFuncs[name]:
			class, fn = "volatile", name
			return false
		case !nonVolatileFuncs[name] && class == "":
			class, fn = "unknown", name
		}
		return true
	})
	return class, fn
}

// stringConsts returns the string constants in a tree (to spot the use of
// an enum label).
func stringConsts(n *pg.Node) []string {
	var out []string
	walkNode(n, func(m protoreflect.Message) bool {
		if c, ok := m.Interface().(*pg.A_Const); ok && c.GetSval() != nil {
			out = append(out, c.GetSval().Sval)
		}
		return true
	})
	return out
}

// constText returns a constant's value as text (for SET lock_timeout).
func constText(n *pg.Node) string {
	c := n.GetAConst()
	if c == nil {
		return ""
	}
	switch {
	case c.GetSval() != nil:
		return c.GetSval().Sval
	case c.GetIval() != nil:
		return strconv.Itoa(int(c.GetIval().Ival))
	case c.GetFval() != nil:
		return c.GetFval().Fval
	}
	return ""
}
