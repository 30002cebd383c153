package db

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// ErrNoPgstattuple says the exact bloat figures need the pgstattuple
// extension; its message says how to get it.
var ErrNoPgstattuple = errors.New("exact bloat figures need the pgstattuple extension: run CREATE EXTENSION pgstattuple; (it ships with the server's contrib package; reading it needs superuser or pg_stat_scan_tables)")

// Exact is a relation's size and waste as pgstattuple measured them.
type Exact struct {
	Bytes      int64 `json:"bytes"`
	WasteBytes int64 `json:"waste_bytes"`
}

// ExactIndexBloat measures a btree index with pgstatindex. It reads the
// whole index, so it runs only on request.
func (d *DB) ExactIndexBloat(ctx context.Context, index catalog.Key) (Exact, error) {
	return d.exact(ctx, "stats_pgstatindex", index)
}

// ExactTableBloat measures a table with pgstattuple; it reads the whole
// table, so it runs only on request.
func (d *DB) ExactTableBloat(ctx context.Context, table catalog.Key) (Exact, error) {
	return d.exact(ctx, "stats_pgstattuple", table)
}

func (d *DB) exact(ctx context.Context, name string, rel catalog.Key) (Exact, error) {
	var e Exact
	err := d.Read(ctx, func(q Querier) error {
		var schema string
		err := q.QueryRow(ctx, query("stats_extension_schema"), "pgstattuple").Scan(&schema)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNoPgstattuple
		}
		if err != nil {
			return err
		}
		sql := strings.ReplaceAll(query(name), "{{schema}}", pgx.Identifier{schema}.Sanitize())
		return q.QueryRow(ctx, sql, pgx.Identifier{rel.Schema, rel.Name}.Sanitize()).Scan(&e.Bytes, &e.WasteBytes)
	})
	if err != nil {
		return Exact{}, fmt.Errorf("measure %s with pgstattuple: %w", rel, err)
	}
	return e, nil
}
