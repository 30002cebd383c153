package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// Sample is the first rows of a relation as text, the way psql shows them.
type Sample struct {
	Columns []string `json:"columns"`
	// Rows hold each value's text form; nil is NULL.
	Rows [][]*string `json:"rows"`
}

// SampleRows reads the first limit rows of a table or view in a read-only
// transaction. The relation name is quoted by pgx.Identifier, never
// concatenated raw: this is the one catalog query that cannot live in a
// .sql file because its FROM names a relation.
func (d *DB) SampleRows(ctx context.Context, rel catalog.Key, limit int) (Sample, error) {
	var s Sample
	err := d.Read(ctx, func(q Querier) error {
		var err error
		s, err = sampleRows(ctx, q, rel, limit)
		return err
	})
	if err != nil {
		return Sample{}, fmt.Errorf("sample rows of %s: %w", rel, err)
	}
	return s, nil
}

func sampleRows(ctx context.Context, q Querier, rel catalog.Key, limit int) (Sample, error) {
	sql := "select * from " + pgx.Identifier{rel.Schema, rel.Name}.Sanitize() + " limit $1"
	rows, err := q.Query(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode}, limit)
	if err != nil {
		return Sample{}, err
	}
	defer rows.Close()
	var s Sample
	for _, f := range rows.FieldDescriptions() {
		s.Columns = append(s.Columns, f.Name)
	}
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]*string, len(raw))
		for i, v := range raw {
			if v != nil {
				text := string(v)
				row[i] = &text
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return s, rows.Err()
}
