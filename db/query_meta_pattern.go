package db

import (
	"regexp"
	"strings"
)

// namePattern turns a psql object pattern into anchored regular
// expressions for the schema and the name, as psql's
// processSQLNamePattern does: an unquoted dot separates schema from name,
// * matches any run of characters and ? one, letters outside double
// quotes are folded to lower case, and everything else (inside quotes
// too) matches itself. An empty part matches everything ("").
func namePattern(p string) (schema, name string) {
	var parts []strings.Builder
	parts = append(parts, strings.Builder{})
	quoted := false
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		cur := &parts[len(parts)-1]
		switch {
		case r == '"':
			if quoted && i+1 < len(rs) && rs[i+1] == '"' {
				cur.WriteString(regexp.QuoteMeta(`"`))
				i++
				continue
			}
			quoted = !quoted
		case quoted:
			cur.WriteString(regexp.QuoteMeta(string(r)))
		case r == '.':
			parts = append(parts, strings.Builder{})
		case r == '*':
			cur.WriteString(".*")
		case r == '?':
			cur.WriteString(".")
		default:
			cur.WriteString(regexp.QuoteMeta(strings.ToLower(string(r))))
		}
	}
	anchor := func(s string) string {
		if s == "" || s == ".*" {
			return ""
		}
		return "^(" + s + ")$"
	}
	n := len(parts)
	name = anchor(parts[n-1].String())
	if n > 1 {
		schema = anchor(parts[n-2].String())
	}
	return schema, name
}
