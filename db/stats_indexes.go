package db

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// IndexRow is one index of the user's schemas with its table. Keys,
// Include and KeyClasses are filled as the catalog loader fills them
// (quoted column names, deparsed expressions). Definition, the full
// pg_get_indexdef text, is filled only for invalid indexes (few, and
// worth showing with their finding): deparsing every index of a
// 10,000-table catalog took seconds. Read any index's definition with
// IndexDefinition.
type IndexRow struct {
	Table catalog.Key `json:"table"`
	catalog.Index
	// TablePartitioned: the table is partitioned, so its indexes can be
	// neither built nor dropped CONCURRENTLY (the fixes say so).
	TablePartitioned bool `json:"table_partitioned,omitempty"`
}

// ForeignKey is a foreign key with its columns, for fk-missing-index.
type ForeignKey struct {
	Table catalog.Key `json:"table"`
	catalog.Constraint
	// TablePartitioned: the table is partitioned (see IndexRow).
	TablePartitioned bool `json:"table_partitioned,omitempty"`
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

// IndexLimit bounds the table statistics and bloat estimates to the
// largest relations (by pages), so they stay inside the time budget on
// catalogs of any size; IndexHealth adds a note when the limit cut the
// list. Unused, duplicate and invalid indexes and foreign keys without
// an index are checked over every index, whatever the limit.
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
// estimates (the largest `limit` relations). The work runs as two
// read-only transactions at once on the diagnostics pool — the index list
// in one, foreign keys, table statistics and bloat in the other — which
// halves the wait on a catalog of 10,000 tables; the figures are
// statistics, so reading them a few milliseconds apart changes nothing.
func (d *DB) IndexHealth(ctx context.Context, limit int) (IndexHealth, error) {
	if limit <= 0 {
		limit = IndexLimit
	}
	var h IndexHealth
	var errIdx, errRest error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		errIdx = d.Read(ctx, func(q Querier) error {
			err := tuneDiagnostics(ctx, q)
			if err != nil {
				return err
			}
			if err = q.QueryRow(ctx, query("stats_reset")).Scan(&h.StatsReset); err != nil {
				return fmt.Errorf("statistics reset time: %w", err)
			}
			if h.Indexes, err = indexRows(ctx, q); err != nil {
				return fmt.Errorf("indexes: %w", err)
			}
			return nil
		})
	}()
	errRest = d.Read(ctx, func(q Querier) error {
		err := tuneDiagnostics(ctx, q)
		if err != nil {
			return err
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
	wg.Wait()
	if err := errors.Join(errIdx, errRest); err != nil {
		return IndexHealth{}, fmt.Errorf("load index health: %w", err)
	}
	if len(h.Tables) >= limit || len(h.IndexBloat) >= limit {
		h.Notes = append(h.Notes, fmt.Sprintf("scan counters and bloat estimates cover the %d largest tables and the %d largest btree indexes (by pages), so the load stays fast on huge catalogs; smaller relations are not estimated", limit, limit))
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
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (IndexRow, error) {
		var (
			x                IndexRow
			nkeys            int32
			attnums, options []int16
			attnames, exprs  []string
			classes, colls   []uint32
			hasConstraint    bool
		)
		err := r.Scan(&x.Table.Schema, &x.Table.Name, &x.Name, &x.Definition, &x.Method, &x.Unique, &x.Primary,
			&x.Predicate, &x.Expression, &nkeys, &attnums, &attnames, &exprs, &classes, &colls, &options,
			&x.Bytes, &x.Scans, &x.Valid, &hasConstraint, &x.Attached, &x.TablePartitioned)
		if err != nil {
			return x, err
		}
		cols, err := indexColumns(attnums, attnames, exprs)
		if err != nil {
			return x, fmt.Errorf("index %s: %w", x.Name, err)
		}
		n := min(int(nkeys), len(cols))
		x.Keys, x.Include = cols[:n:n], cols[n:]
		if len(x.Include) == 0 {
			x.Include = nil
		}
		for k := 0; k < n && k < len(classes) && k < len(colls) && k < len(options); k++ {
			x.KeyClasses = append(x.KeyClasses, fmt.Sprintf("%d/%d/%d", classes[k], colls[k], options[k]))
		}
		if hasConstraint {
			// A primary-key, unique or exclusion constraint and its index
			// always share their name (renaming one renames the other).
			x.Constraint = x.Name
		}
		return x, nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b IndexRow) int {
		return cmp.Or(cmp.Compare(b.Bytes, a.Bytes), cmp.Compare(a.Table.Schema, b.Table.Schema),
			cmp.Compare(a.Table.Name, b.Table.Name), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// indexColumns names an index's columns in indkey order: attnum 0 takes
// the next expression text, any other attnum its column name. names are
// the distinct attnums' names in attnum order (or one name for a
// one-column index), as stats_indexes returns them.
func indexColumns(attnums []int16, names, exprs []string) ([]string, error) {
	var distinct []int16
	for _, a := range attnums {
		if a != 0 && !slices.Contains(distinct, a) {
			distinct = append(distinct, a)
		}
	}
	slices.Sort(distinct)
	if len(distinct) != len(names) {
		return nil, fmt.Errorf("%d key columns but %d names", len(distinct), len(names))
	}
	out := make([]string, len(attnums))
	for k, a := range attnums {
		if a == 0 {
			if len(exprs) == 0 {
				return nil, fmt.Errorf("expression key %d has no text", k+1)
			}
			out[k], exprs = exprs[0], exprs[1:]
			continue
		}
		out[k] = names[slices.Index(distinct, a)]
	}
	return out, nil
}

func foreignKeys(ctx context.Context, q Querier) ([]ForeignKey, error) {
	rows, err := q.Query(ctx, query("stats_foreign_keys"))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (ForeignKey, error) {
		var fk ForeignKey
		var ref catalog.Key
		err := r.Scan(&fk.Table.Schema, &fk.Table.Name, &fk.Name, &fk.Columns, &ref.Schema, &ref.Name, &fk.TablePartitioned)
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

// IndexDefinition returns the CREATE INDEX statement of index ix (by
// schema and name) as pg_get_indexdef prints it, for the one index a user
// is looking at.
func (d *DB) IndexDefinition(ctx context.Context, ix catalog.Key) (string, error) {
	var def string
	err := d.Read(ctx, func(q Querier) error {
		return q.QueryRow(ctx, query("stats_index_definition"), pgx.Identifier{ix.Schema, ix.Name}.Sanitize()).Scan(&def)
	})
	if err != nil {
		return "", fmt.Errorf("read definition of index %s: %w", ix, err)
	}
	return def, nil
}
