package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// TableFacts are the planner's size figures of one table a migration
// touches. Bytes and Rows are nil when the table was never vacuumed or
// analysed (or does not exist).
type TableFacts struct {
	// Name is the table as the migration writes it.
	Name string `db:"name"`
	// Resolved is the table the name resolves to through search_path,
	// schema-qualified and quoted; "" when there is none.
	Resolved string `db:"resolved"`
	Exists   bool   `db:"found"`
	Bytes    *int64 `db:"bytes"`
	Rows     *int64 `db:"rows"`
}

// MigrationTableFacts reads, in one query, the size and row count of the
// tables named (as SQL writes them: `tasks`, `public."Odd"`). It locks and
// scans nothing: the figures are pg_class's, as of the last VACUUM or
// ANALYZE. A name of no table comes back with Exists false.
func MigrationTableFacts(ctx context.Context, q Querier, names []string) ([]TableFacts, error) {
	if len(names) == 0 {
		return []TableFacts{}, nil
	}
	rows, err := q.Query(ctx, query("migrations_table_facts"), names)
	if err != nil {
		return nil, fmt.Errorf("table sizes for the migration linter: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[TableFacts])
	if err != nil {
		return nil, fmt.Errorf("table sizes for the migration linter: %w", err)
	}
	return out, nil
}
