package advise

import (
	"strings"
)

// typeAliases maps the spellings a type arrives in — SQL as written
// (integer, double precision), pg_query's internal names (pg_catalog.int4)
// and format_type output (character varying, timestamp without time zone)
// — to PostgreSQL's internal type name, so both advisors compare one form.
var typeAliases = map[string]string{
	"int": "int4", "integer": "int4", "int4": "int4",
	"smallint": "int2", "int2": "int2",
	"bigint": "int8", "int8": "int8",
	"real": "float4", "float4": "float4",
	"double precision": "float8", "float8": "float8", "float": "float8",
	"numeric": "numeric", "decimal": "numeric",
	"character varying": "varchar", "varchar": "varchar",
	"character": "bpchar", "char": "bpchar", "bpchar": "bpchar",
	"text":      "text",
	"timestamp": "timestamp", "timestamp without time zone": "timestamp",
	"timestamptz": "timestamptz", "timestamp with time zone": "timestamptz",
	"time": "time", "time without time zone": "time",
	"timetz": "timetz", "time with time zone": "timetz",
	"boolean": "bool", "bool": "bool",
	"serial": "serial", "serial4": "serial",
	"bigserial": "bigserial", "serial8": "bigserial",
	"smallserial": "smallserial", "serial2": "smallserial",
	"json": "json", "jsonb": "jsonb", "money": "money",
}

// NormalizeType returns PostgreSQL's internal name for a type spelled any
// of the usual ways ("integer", "pg_catalog.int4", "character varying(20)"
// → int4, int4, varchar), without any length or precision. Types it does
// not know come back lower-cased with schema and modifiers removed.
func NormalizeType(name string) string {
	t := strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexByte(t, '('); i >= 0 {
		// "timestamp(3) without time zone" keeps its words after the (3).
		rest := ""
		if j := strings.IndexByte(t[i:], ')'); j >= 0 {
			rest = t[i+j+1:]
		}
		t = strings.TrimSpace(strings.TrimSpace(t[:i]) + rest)
	}
	t = strings.TrimSuffix(t, "[]")
	t = strings.TrimPrefix(t, "pg_catalog.")
	if a, ok := typeAliases[t]; ok {
		return a
	}
	return t
}

// IsFloat reports whether a normalized type is a binary floating point.
func IsFloat(t string) bool { return t == "float4" || t == "float8" }

// IsSerial reports whether a normalized type is one of the serial
// pseudo-types (a column with a sequence default).
func IsSerial(t string) bool { return t == "serial" || t == "bigserial" || t == "smallserial" }

// IsNarrowInt reports whether a normalized type is an integer narrower than
// bigint, including the serials built on them.
func IsNarrowInt(t string) bool {
	return t == "int4" || t == "int2" || t == "serial" || t == "smallserial"
}
