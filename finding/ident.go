package finding

import (
	"strings"
	"unicode/utf8"
)

// keywords are the PostgreSQL keywords that cannot be used as a bare
// identifier everywhere (reserved, column-name and type/function-name
// categories of pg_get_keywords(), PostgreSQL 12–18): quote_ident quotes
// them, and so do we. A test checks the list against the live server.
var keywords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(keywordList) {
		keywords[w] = true
	}
}

const keywordList = `all analyse analyze and any array as asc asymmetric authorization
between bigint binary bit boolean both case cast char character check coalesce
collate collation column concurrently constraint create cross current_catalog
current_date current_role current_schema current_time current_timestamp
current_user dec decimal default deferrable desc distinct do else end except
exists extract false fetch float for foreign freeze from full grant greatest
group grouping having ilike in initially inner inout int integer intersect
interval into is isnull join json json_array json_arrayagg json_exists
json_object json_objectagg json_query json_scalar json_serialize json_table
json_value lateral leading least left like limit localtime localtimestamp
merge_action national natural nchar none normalize not notnull null nullif
numeric offset on only or order out outer overlaps overlay placing position
precision primary real references returning right row select session_user
setof similar smallint some substring symmetric system_user table tablesample
then time timestamp to trailing treat trim true union unique user using values
varchar variadic verbose when where window with xmlattributes xmlconcat
xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot
xmlserialize xmltable`

// IsKeyword reports whether word (lower case) must be quoted as an
// identifier.
func IsKeyword(word string) bool { return keywords[word] }

// QuoteIdent quotes an identifier only where SQL needs it, exactly as
// PostgreSQL's quote_ident does: names of lower case letters, digits and
// _ (not starting with a digit) that are not keywords stay bare. A $ is
// legal inside a bare name, but quote_ident quotes it, and so do we.
func QuoteIdent(name string) string {
	if name != "" && !keywords[name] && plainIdent(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func plainIdent(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case r >= '0' && r <= '9':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Qualified names an object schema.name, each part quoted only where
// needed. An empty schema gives the bare name.
func Qualified(schema, name string) string {
	if schema == "" {
		return QuoteIdent(name)
	}
	return QuoteIdent(schema) + "." + QuoteIdent(name)
}

// QuoteLiteral quotes a string as an SQL literal, using the E” form when
// it holds a backslash, as quote_literal does.
func QuoteLiteral(s string) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if strings.Contains(s, `\`) {
		return "E" + strings.ReplaceAll(q, `\`, `\\`)
	}
	return q
}
