package db

import (
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/finding"
)

// MetaSQL returns the catalog query behind a psql meta-command that
// lists objects (\d [NAME], \dt, \di, \dn, \df), and false for any other
// command. The query runs on the session like a statement, so it sees the
// session's temporary tables and search_path, as psql's do.
func MetaSQL(cmd string) (string, bool) {
	fields := strings.Fields(cmd)
	if len(fields) == 0 {
		return "", false
	}
	name := strings.Join(fields[1:], " ")
	switch strings.TrimSuffix(fields[0], "+") {
	case `\d`:
		if name == "" {
			return query("query_meta_drel"), true
		}
		return fmt.Sprintf(query("query_meta_d"), finding.QuoteLiteral(name)), true
	case `\dt`:
		return query("query_meta_dt"), true
	case `\di`:
		return query("query_meta_di"), true
	case `\dn`:
		return query("query_meta_dn"), true
	case `\df`:
		return query("query_meta_df"), true
	}
	return "", false
}
