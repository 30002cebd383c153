package migration

import (
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// hostileNames are identifiers a fix must quote correctly: quotes,
// keywords, upper case, spaces, semicolons and control characters.
var hostileNames = []string{`we"ird`, `select`, `Users`, `a b; DROP TABLE x`, "tab\there", "nl\nname", `ünï`}

func quoted(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// TestHostileIdentifiersInFixes lints statements on hostile names and
// parses every SQL fix back: the statement must parse and name the same
// relation and column, so a copied fix never runs something else.
func TestHostileIdentifiersInFixes(t *testing.T) {
	for _, name := range hostileNames {
		q := quoted(name)
		sql := "SET lock_timeout = '1s';\n" +
			"CREATE INDEX " + quoted(name+"_idx") + " ON " + q + " (" + q + ");\n" +
			"ALTER TABLE " + q + " ALTER COLUMN " + q + " SET NOT NULL;\n" +
			"ALTER TABLE " + q + " ADD CONSTRAINT " + quoted(name+"_fk") + " FOREIGN KEY (" + q + ") REFERENCES " + q + " (id);\n" +
			"ALTER TABLE " + q + " ADD UNIQUE (" + q + ");\n" +
			"DROP TABLE " + q + ";\n"
		fs := lintString(t, "h.sql", sql, TxNone)
		if got := rulesOf(fs); got["create-index-not-concurrently"] != 1 || got["set-not-null"] != 1 ||
			got["constraint-not-valid-missing"] != 1 || got["unique-constraint-direct"] != 1 || got["drop-table"] != 1 {
			t.Fatalf("%q: findings %v", name, got)
		}
		for _, f := range fs {
			for _, s := range append([]string{f.Fix}, f.Steps...) {
				if !strings.HasPrefix(s, "CREATE") && !strings.HasPrefix(s, "ALTER") && !strings.HasPrefix(s, "DROP") {
					continue
				}
				tree, err := pgq.Parse(s)
				if err != nil {
					t.Errorf("%s fix for %q does not parse: %v\n%s", f.Rule, name, err, s)
					continue
				}
				if rels := relNames(tree); len(rels) == 0 || !strings.HasPrefix(rels[0], name) {
					t.Errorf("%s fix for %q names %q\n%s", f.Rule, name, rels, s)
				}
			}
		}
	}
}

// relNames lists the relation names a parsed fix refers to, in order.
func relNames(tree *pg.ParseResult) []string {
	var out []string
	for _, rs := range tree.Stmts {
		switch s := rs.Stmt.Node.(type) {
		case *pg.Node_AlterTableStmt:
			out = append(out, s.AlterTableStmt.Relation.Relname)
		case *pg.Node_IndexStmt:
			out = append(out, s.IndexStmt.Relation.Relname)
		case *pg.Node_DropStmt:
			for _, o := range s.DropStmt.Objects {
				out = append(out, lastName(o.GetList().GetItems()))
			}
		case *pg.Node_RenameStmt:
			out = append(out, s.RenameStmt.Relation.Relname)
		}
	}
	return out
}
