package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// IndexRow is one index of the user's schemas with its table.
type IndexRow struct {
	Table catalog.Key `json:"table"`
	catalog.Index
}

// ForeignKey is a foreign key with its columns, for fk-missing-index.
type ForeignKey struct {
	Table catalog.Key `json:"table"`
	catalog.Constraint
}

// TableStat is one table's scan counters, sizes and bloat estimate.
type TableStat struct {
	Table       catalog.Key `json:"table"`
	SeqScans    int64       `json:"seq_scans"`
	SeqRowsRead int64       `json:"seq_rows_read"`
	IndexScans  int64       `json:"index_scans"`
	LiveRows    int64       `json:"live_rows"`
	DeadRows    int64       `json:"dead_rows"`
	TableBytes  int64       `json:"table_bytes"`
	IndexBytes  int64       `json:"index_bytes"`
	ToastBytes  int64       `json:"toast_bytes"`
	// BloatBytes is the estimated waste; nil when the table has no
	// statistics to estimate from (never analysed, or not readable).
	BloatBytes *int64 `json:"bloat_bytes"`
}

// IndexBloatRow is a btree index's size and estimated waste.
type IndexBloatRow struct {
	Table      catalog.Key `json:"table"`
	Name       string      `json:"name"`
	Bytes      int64       `json:"bytes"`
	BloatBytes *int64      `json:"bloat_bytes"`
}

// IndexLimit bounds the bloat estimates to the largest relations, so the
// estimate stays inside the time budget on catalogs of any size.
const IndexLimit = 500

// IndexHealth is everything the index-health rules read.
type IndexHealth struct {
	// StatsReset is when the counters were last reset; nil: never.
	StatsReset  *time.Time      `json:"stats_reset"`
	Indexes     []IndexRow      `json:"indexes"`
	ForeignKeys []ForeignKey    `json:"foreign_keys"`
	Tables      []TableStat     `json:"tables"`
	IndexBloat  []IndexBloatRow `json:"index_bloat"`
	// Notes say what the role could not see.
	Notes []string `json:"notes"`
}

// IndexHealth reads indexes, foreign keys, table statistics and bloat
// estimates (the largest `limit` relations) in one read-only transaction.
func (d *DB) IndexHealth(ctx context.Context, limit int) (IndexHealth, error) {
	if limit <= 0 {
		limit = IndexLimit
	}
	var h IndexHealth
	err := d.Read(ctx, func(q Querier) error {
		var err error
		if err = q.QueryRow(ctx, query("stats_reset")).Scan(&h.StatsReset); err != nil {
			return fmt.Errorf("statistics reset time: %w", err)
		}
		if h.Indexes, err = indexRows(ctx, q); err != nil {
			return fmt.Errorf("indexes: %w", err)
		}
		if h.ForeignKeys, err = foreignKeys(ctx, q); err != nil {
			return fmt.Errorf("foreign keys: %w", err)
		}
		if h.Tables, err = tableStats(ctx, q, limit); err != nil {
			return fmt.Errorf("table statistics: %w", err)
		}
		if h.IndexBloat, err = indexBloat(ctx, q, limit); err != nil {
			return fmt.Errorf("index bloat: %w", err)
		}
		return nil
	})
	if err != nil {
		return IndexHealth{}, fmt.Errorf("load index health: %w", err)
	}
	if !d.Info.SeesAllStats() {
		h.Notes = append(h.Notes, "bloat estimates need column statistics (pg_stats), which this role sees only for columns it may read; other relations show no estimate")
	}
	return h, nil
}

func indexRows(ctx context.Context, q Querier) ([]IndexRow, error) {
	rows, err := q.Query(ctx, query("stats_indexes"))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (IndexRow, error) {
		var x IndexRow
		err := r.Scan(&x.Table.Schema, &x.Table.Name, &x.Name, &x.Definition, &x.Method, &x.Unique, &x.Primary,
			&x.Predicate, &x.Expression, &x.Keys, &x.Include, &x.KeyClasses, &x.Bytes, &x.Scans, &x.Valid,
			&x.Constraint, &x.Attached)
		return x, err
	})
}

func foreignKeys(ctx context.Context, q Querier) ([]ForeignKey, error) {
	rows, err := q.Query(ctx, query("stats_foreign_keys"))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (ForeignKey, error) {
		var fk ForeignKey
		var ref catalog.Key
		err := r.Scan(&fk.Table.Schema, &fk.Table.Name, &fk.Name, &fk.Columns, &ref.Schema, &ref.Name)
		fk.Type, fk.References = catalog.ForeignKey, &ref
		return fk, err
	})
}

func tableStats(ctx context.Context, q Querier, limit int) ([]TableStat, error) {
	rows, err := q.Query(ctx, query("stats_tables"), limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (TableStat, error) {
		var t TableStat
		err := r.Scan(&t.Table.Schema, &t.Table.Name, &t.SeqScans, &t.SeqRowsRead, &t.IndexScans, &t.LiveRows,
			&t.DeadRows, &t.TableBytes, &t.IndexBytes, &t.ToastBytes, &t.BloatBytes)
		return t, err
	})
}

func indexBloat(ctx context.Context, q Querier, limit int) ([]IndexBloatRow, error) {
	rows, err := q.Query(ctx, query("stats_index_bloat"), limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (IndexBloatRow, error) {
		var b IndexBloatRow
		err := r.Scan(&b.Table.Schema, &b.Table.Name, &b.Name, &b.Bytes, &b.BloatBytes)
		return b, err
	})
}
