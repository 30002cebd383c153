package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// loadIndexes reads every index's structure (no deparsed definition, see
// catalog_indexes.sql) and sums each table's index sizes; nameColumns
// names its keys once the columns are in.
func loadIndexes(ctx context.Context, q Querier, opts CatalogOptions, ld *loaded) error {
	r, err := queryRaw(ctx, q, "catalog_indexes", opts.System)
	if err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	for r.next() {
		ri, ok := ld.byOID[r.int(0)]
		if !ok {
			continue
		}
		rel := &ld.rels[ri]
		ix := catalog.Index{
			Name: r.str(1), Method: ld.in.get(r.bytes(2)), Unique: r.bool(3), Primary: r.bool(4), Predicate: r.str(5),
			Bytes: r.int(12), Scans: r.int(13), Valid: r.bool(14), Constraint: r.str(15), Attached: r.bool(16),
			Comment: r.str(17),
		}
		p := pendingIdx{rel: ri, ix: len(rel.Indexes), nkeys: int(r.int(6)), nums: r.ints(7, nil), exprs: r.textArray(8)}
		ix.Expression = !r.null(8)
		ix.KeyClasses = keyClasses(r.words(9), r.words(10), r.words(11), p.nkeys, ld.in)
		rel.Indexes = append(rel.Indexes, ix)
		rel.IndexBytes += ix.Bytes
		ld.pendIdx = append(ld.pendIdx, p)
	}
	if err := r.close(); err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	return nil
}

// keyClasses pairs each key's operator class, collation and options
// ("1978/0/0"), interned: most indexes share a handful of them.
func keyClasses(classes, colls, opts []string, n int, in interner) []string {
	out := make([]string, 0, n)
	for k := 0; k < n && k < len(classes) && k < len(colls) && k < len(opts); k++ {
		out = append(out, in.get([]byte(classes[k]+"/"+colls[k]+"/"+opts[k])))
	}
	return out
}

type triggerRow struct {
	RelID int64 `db:"relid"`
	catalog.Trigger
}

func loadTriggers(ctx context.Context, q Querier, name string, opts CatalogOptions, ld *loaded) error {
	rows, err := collect(ctx, q, name, opts.System, pgx.RowToStructByName[triggerRow])
	if err != nil {
		return fmt.Errorf("load triggers: %w", err)
	}
	for _, r := range rows {
		if rel := ld.rel(r.RelID); rel != nil {
			rel.Triggers = append(rel.Triggers, r.Trigger)
		}
	}
	return nil
}

// loadDefinitions reads the deparsed index and constraint texts of the
// relations with the given OIDs, in one query.
func loadDefinitions(ctx context.Context, q Querier, oids []uint32) (map[uint32]catalog.Definitions, error) {
	rows, err := q.Query(ctx, query("catalog_definitions"), pgx.QueryExecModeExec, oids)
	if err != nil {
		return nil, fmt.Errorf("load definitions: %w", err)
	}
	defer rows.Close()
	out := map[uint32]catalog.Definitions{}
	var (
		relid            int64
		kind, name, text string
	)
	for rows.Next() {
		if err := rows.Scan(&relid, &kind, &name, &text); err != nil {
			return nil, fmt.Errorf("load definitions: %w", err)
		}
		d, ok := out[uint32(relid)]
		if !ok {
			d = catalog.Definitions{Indexes: map[string]string{}, Constraints: map[string]string{}}
			out[uint32(relid)] = d
		}
		if strings.HasPrefix(kind, "i") {
			d.Indexes[name] = text
		} else {
			d.Constraints[name] = text
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load definitions: %w", err)
	}
	return out, nil
}
