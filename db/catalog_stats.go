package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

type sequenceRow struct {
	Schema      string  `db:"schema"`
	Name        string  `db:"name"`
	DataType    string  `db:"data_type"`
	Start       int64   `db:"start"`
	Min         int64   `db:"min"`
	Max         int64   `db:"max"`
	Increment   int64   `db:"increment"`
	Cache       int64   `db:"cache"`
	Cycle       bool    `db:"cycle"`
	LastValue   *int64  `db:"last_value"`
	OwnerSchema *string `db:"owner_schema"`
	OwnerName   *string `db:"owner_name"`
	OwnerColumn *string `db:"owner_column"`
	Identity    bool    `db:"identity"`
}

func loadSequences(ctx context.Context, q Querier, opts CatalogOptions) ([]catalog.Sequence, error) {
	rows, err := collect(ctx, q, "catalog_sequences", opts.System, pgx.RowToStructByName[sequenceRow])
	if err != nil {
		return nil, fmt.Errorf("load sequences: %w", err)
	}
	out := make([]catalog.Sequence, len(rows))
	for i, r := range rows {
		out[i] = catalog.Sequence{
			Schema: r.Schema, Name: r.Name, DataType: r.DataType, Start: r.Start, Min: r.Min, Max: r.Max,
			Increment: r.Increment, Cache: r.Cache, Cycle: r.Cycle, LastValue: r.LastValue, Identity: r.Identity,
		}
		if r.OwnerSchema != nil && r.OwnerName != nil && r.OwnerColumn != nil {
			out[i].Owner = &catalog.Key{Schema: *r.OwnerSchema, Name: *r.OwnerName}
			out[i].OwnerColumn = *r.OwnerColumn
		}
	}
	return out, nil
}

type statsRow struct {
	Schema        string   `db:"schema"`
	Table         string   `db:"table"`
	Column        string   `db:"column"`
	Inherited     bool     `db:"inherited"`
	NDistinct     float64  `db:"n_distinct"`
	NullFrac      float64  `db:"null_frac"`
	Common        []string `db:"common"`
	CommonFreqSum float64  `db:"common_freq_sum"`
}

// loadStats attaches pg_stats figures to columns. A table's own
// statistics win over the inherited ones a parent has over its children,
// except for a partitioned table, which only has inherited ones.
func loadStats(ctx context.Context, q Querier, opts CatalogOptions, c *catalog.Catalog) error {
	rows, err := collect(ctx, q, "catalog_stats", opts.System, pgx.RowToStructByName[statsRow])
	if err != nil {
		return fmt.Errorf("load column statistics: %w", err)
	}
	if len(rows) == 0 {
		return nil
	}
	byKey := make(map[catalog.Key]*catalog.Relation, len(c.Relations))
	for i := range c.Relations {
		byKey[c.Relations[i].Key()] = &c.Relations[i]
	}
	for _, s := range rows {
		rel := byKey[catalog.Key{Schema: s.Schema, Name: s.Table}]
		if rel == nil {
			continue
		}
		col := rel.Column(s.Column)
		if col == nil || (col.Stats != nil && s.Inherited) {
			continue
		}
		col.Stats = &catalog.ColumnStats{NDistinct: s.NDistinct, NullFrac: s.NullFrac, Common: s.Common, CommonFreqSum: s.CommonFreqSum}
	}
	return nil
}
