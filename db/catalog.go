package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

// CatalogOptions says what Catalog loads.
type CatalogOptions struct {
	// System includes pg_catalog, information_schema and the toast and
	// temporary schemas.
	System bool
	// Definitions also deparses every index and constraint
	// (pg_get_indexdef, pg_get_constraintdef), which the reconstructed DDL
	// needs. It costs seconds on 10,000 tables, so the Schema pane leaves
	// it off and asks Definitions for the one table it shows.
	Definitions bool
}

// MinCatalogVersion is the oldest server the catalog queries support
// (attgenerated, pg_get_partkeydef, indnkeyatts).
const MinCatalogVersion = 120000

// Catalog reads the whole schema of the current database: one query per
// kind of object (schemas, relations, columns, constraints, indexes,
// triggers, enums, sequences, statistics), never one per table, each in a
// single round trip, so it stays fast on databases with thousands of
// tables. The columns (the biggest query) load in a second read-only
// transaction on another pooled connection while the rest loads: the two
// run on two server backends at once. Each statement already saw its own
// snapshot before (read committed), so a table created meanwhile is at
// worst listed without its columns until the next load, as it could be
// listed without its indexes.
func (d *DB) Catalog(ctx context.Context, opts CatalogOptions) (*catalog.Catalog, error) {
	if d.Info.VersionNum != 0 && d.Info.VersionNum < MinCatalogVersion {
		return nil, fmt.Errorf("load catalog: pgdeck's schema view needs PostgreSQL 12 or later (this server is %s)", d.Info.Version)
	}
	type result struct {
		recs [][]colRec
		err  error
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan result, 1) // buffered: never blocks if the main load fails first
	go func() {
		var recs [][]colRec
		err := d.Read(cctx, func(q Querier) error {
			if err := catalogSettings(cctx, q); err != nil {
				return err
			}
			var err error
			recs, err = loadColumns(cctx, q, opts)
			return err
		})
		done <- result{recs, err}
	}()
	columns := func() ([][]colRec, error) {
		r := <-done
		return r.recs, r.err
	}
	var c *catalog.Catalog
	err := d.Read(ctx, func(q Querier) error {
		var err error
		c, err = loadCatalog(ctx, q, d.Info.VersionNum, opts, columns)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.Database = d.Info.Database
	return c, nil
}

// catalogSettings tunes the transaction for catalog queries. Names in
// definitions are printed schema-qualified (search_path is pg_catalog) so
// the reconstructed DDL means the same thing whatever the reader's
// search_path; work_mem keeps the sorts in memory; parallel workers cost
// more to start than these catalog scans take; and JIT compiling the
// queries over 20,000 indexes took two seconds, longer than running them.
func catalogSettings(ctx context.Context, q Querier) error {
	if _, err := q.Exec(ctx, `select set_config('search_path', 'pg_catalog', true), set_config('work_mem', '64MB', true),
		set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`, pgx.QueryExecModeExec); err != nil {
		return fmt.Errorf("load catalog: settings: %w", err)
	}
	return nil
}

// LoadCatalog runs all the catalog queries on q, one after another.
func LoadCatalog(ctx context.Context, q Querier, versionNum int, opts CatalogOptions) (*catalog.Catalog, error) {
	return loadCatalog(ctx, q, versionNum, opts, func() ([][]colRec, error) { return loadColumns(ctx, q, opts) })
}

// loadCatalog runs the catalog queries on q; columns returns the columns,
// loaded on q or elsewhere.
func loadCatalog(ctx context.Context, q Querier, versionNum int, opts CatalogOptions, columns func() ([][]colRec, error)) (*catalog.Catalog, error) {
	if err := catalogSettings(ctx, q); err != nil {
		return nil, err
	}
	c := &catalog.Catalog{}
	var err error
	if c.Schemas, err = collect(ctx, q, "catalog_schemas", opts.System, pgx.RowToStructByName[catalog.Schema]); err != nil {
		return nil, fmt.Errorf("load schemas: %w", err)
	}
	ld := &loaded{byOID: map[int64]int{}, in: interner{}}
	if err := loadRelations(ctx, q, opts, ld); err != nil {
		return nil, err
	}
	if err := loadConstraints(ctx, q, opts, ld); err != nil {
		return nil, err
	}
	if err := loadIndexes(ctx, q, opts, ld); err != nil {
		return nil, err
	}
	trig := "catalog_triggers"
	if versionNum > 0 && versionNum < 130000 {
		trig = "catalog_triggers_12"
	}
	if err := loadTriggers(ctx, q, trig, opts, ld); err != nil {
		return nil, err
	}
	recs, err := columns()
	if err != nil {
		return nil, err
	}
	placeColumns(ld, recs)
	nameColumns(ld)
	c.Relations = ld.rels
	if opts.Definitions {
		oids := make([]uint32, len(c.Relations))
		for i := range c.Relations {
			oids[i] = c.Relations[i].OID
		}
		defs, err := loadDefinitions(ctx, q, oids)
		if err != nil {
			return nil, err
		}
		c.ApplyDefinitions(defs)
	}
	if c.Enums, err = collect(ctx, q, "catalog_enums", opts.System, pgx.RowToStructByName[catalog.Enum]); err != nil {
		return nil, fmt.Errorf("load enums: %w", err)
	}
	if c.Sequences, err = loadSequences(ctx, q, opts); err != nil {
		return nil, err
	}
	if err := loadStats(ctx, q, opts, c); err != nil {
		return nil, err
	}
	c.Notes = privilegeNotes(c)
	return c, nil
}

// Definitions reads the deparsed index and constraint texts of the given
// relations (by OID) in one query, for the tables the Schema pane shows.
func (d *DB) Definitions(ctx context.Context, oids []uint32) (map[uint32]catalog.Definitions, error) {
	var out map[uint32]catalog.Definitions
	err := d.Read(ctx, func(q Querier) error {
		var err error
		out, err = loadDefinitions(ctx, q, oids)
		return err
	})
	return out, err
}

// collect runs one embedded query with the include-system flag and maps
// its rows.
func collect[T any](ctx context.Context, q Querier, name string, system bool, fn pgx.RowToFunc[T]) ([]T, error) {
	rows, err := q.Query(ctx, query(name), pgx.QueryExecModeExec, system)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, fn)
}

// privilegeNotes says what the user cannot fully see, so a partial view is
// explained rather than failing.
func privilegeNotes(c *catalog.Catalog) []string {
	var notes []string
	for _, s := range c.Schemas {
		if !s.Usable {
			notes = append(notes, fmt.Sprintf("no USAGE privilege on schema %s: its objects are listed from the catalog, but their rows, statistics and sequence positions are hidden",
				catalog.Key{Name: s.Name}.String()))
		}
	}
	unreadable := 0
	for i := range c.Relations {
		r := &c.Relations[i]
		if !r.Readable && r.Extension == "" {
			unreadable++
		}
	}
	if unreadable > 0 {
		notes = append(notes, fmt.Sprintf("%d relation(s) without SELECT privilege: no sample rows or column statistics for them, so some advice is skipped", unreadable))
	}
	return notes
}
