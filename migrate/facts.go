package migrate

import (
	"context"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
)

// LiveFacts answers the linter's questions from a connection: column
// types one by one, table sizes from Tables, read beforehand in one query
// (LoadFacts).
type LiveFacts struct {
	Ctx context.Context
	Q   db.Querier
	// Tables holds the size figures by table name as the migrations
	// write it (migration.Ref.String()).
	Tables map[string]migration.TableFacts
}

// ColumnType reads a column's current type; an error counts as unknown.
func (f LiveFacts) ColumnType(table migration.Ref, column string) (string, bool) {
	ty, ok, err := db.ColumnType(f.Ctx, f.Q, table.String(), column)
	return ty, ok && err == nil
}

// Table returns the size figures read for a table, false when they were
// not read.
func (f LiveFacts) Table(table migration.Ref) (migration.TableFacts, bool) {
	tf, ok := f.Tables[table.String()]
	return tf, ok
}

// LoadFacts returns the live facts for linting srcs, with the size of
// every table they touch read in one query.
func LoadFacts(ctx context.Context, q db.Querier, srcs []migration.Source) (LiveFacts, error) {
	refs := migration.Tables(srcs)
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.String()
	}
	rows, err := db.MigrationTableFacts(ctx, q, names)
	if err != nil {
		return LiveFacts{}, err
	}
	f := LiveFacts{Ctx: ctx, Q: q, Tables: make(map[string]migration.TableFacts, len(rows))}
	for _, r := range rows {
		tf := migration.TableFacts{Name: r.Resolved, Exists: r.Exists, Known: r.Bytes != nil && r.Rows != nil}
		if tf.Known {
			tf.Bytes, tf.Rows = *r.Bytes, *r.Rows
		}
		f.Tables[r.Name] = tf
	}
	return f, nil
}

// Source returns a file's up part as the linter reads it, run as pgdeck
// (or its tool) will run it.
func Source(f File) (migration.Source, bool) {
	src, ok := migration.ReadSource(f.UpPath, f.Raw)
	if ok && f.NoTx {
		src.Mode = migration.TxNone
	}
	return src, ok
}
