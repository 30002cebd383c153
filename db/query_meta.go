package db

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/finding"
)

// MetaSQL returns the catalog query behind a psql meta-command that
// lists objects (\d [NAME|PATTERN], \dt, \di, \dn, \df, each with an
// optional psql pattern such as public.user*), and false for any other
// command. The query runs on the session like a statement, so it sees
// the session's temporary tables and search_path, as psql's do.
func MetaSQL(cmd string) (string, bool) {
	fields := strings.Fields(cmd)
	if len(fields) == 0 {
		return "", false
	}
	pattern := strings.Join(fields[1:], " ")
	var name string
	switch strings.TrimSuffix(fields[0], "+") {
	case `\d`:
		if pattern != "" && !strings.ContainsAny(pattern, "*?") {
			return fmt.Sprintf(query("query_meta_d"), finding.QuoteLiteral(pattern)), true
		}
		name = "query_meta_drel"
	case `\dt`:
		name = "query_meta_dt"
	case `\di`:
		name = "query_meta_di"
	case `\df`:
		name = "query_meta_df"
	case `\dn`:
		_, n := namePattern(pattern)
		return filtered(withSystem(query("query_meta_dn"), pattern), "", n), true
	default:
		return "", false
	}
	s, n := namePattern(pattern)
	return filtered(withSystem(query(name), pattern), s, n), true
}

// withSystem fills a listing's placeholder: with a pattern, psql shows
// system objects too (\dt pg_catalog.*); without one only the user's.
func withSystem(sql, pattern string) string {
	return fmt.Sprintf(sql, pattern != "")
}

// filtered keeps the rows of a listing whose "Schema" and "Name" columns
// match the patterns' regular expressions ("" matches all).
func filtered(sql, schema, name string) string {
	var conds []string
	if schema != "" {
		conds = append(conds, `"Schema" ~ `+finding.QuoteLiteral(schema))
	}
	if name != "" {
		conds = append(conds, `"Name" ~ `+finding.QuoteLiteral(name))
	}
	if len(conds) == 0 {
		return sql
	}
	return "select * from (" + strings.TrimSpace(sql) + "\n) listing where " + strings.Join(conds, " and ") + " order by 1, 2"
}
