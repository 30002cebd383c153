package migration

import (
	"strings"

	"github.com/pgdeck/pgdeck/internal/pgq"
)

// Tables lists, each once and in order of appearance, the relations the
// sources' statements lock, named as the migrations write them: the
// tables whose live facts a connected lint reads in one query. Sources
// that do not parse are skipped (linting them reports the error).
func Tables(srcs []Source) []Ref {
	var out []Ref
	seen := map[Ref]bool{}
	for _, s := range srcs {
		if strings.IndexByte(s.SQL, 0) >= 0 {
			continue
		}
		tree, err := pgq.Parse(s.SQL)
		if err != nil {
			continue
		}
		for _, rs := range tree.Stmts {
			for _, rl := range locksOf(rs.Stmt) {
				if rl.Rel.Name != "" && !seen[rl.Rel] {
					seen[rl.Rel] = true
					out = append(out, rl.Rel)
				}
			}
		}
	}
	return out
}
