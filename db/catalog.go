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

// Catalog reads the whole schema of the current database in one read-only
// transaction: one query per kind of object (schemas, relations, columns,
// constraints, indexes, triggers, enums, sequences, statistics), never one
// per table, each in a single round trip, so it stays fast on databases
// with thousands of tables.
func (d *DB) Catalog(ctx context.Context, opts CatalogOptions) (*catalog.Catalog, error) {
	if d.Info.VersionNum != 0 && d.Info.VersionNum < MinCatalogVersion {
		return nil, fmt.Errorf("load catalog: pgdeck's schema view needs PostgreSQL 12 or later (this server is %s)", d.Info.Version)
	}
	var c *catalog.Catalog
	err := d.Read(ctx, func(q Querier) error {
		var err error
		c, err = LoadCatalog(ctx, q, d.Info.VersionNum, opts)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.Database = d.Info.Database
	return c, nil
}

// LoadCatalog runs the catalog queries on q. Names in definitions are
// printed schema-qualified (search_path is pg_catalog for the
// transaction) so the reconstructed DDL means the same thing whatever the
// reader's search_path.
func LoadCatalog(ctx context.Context, q Querier, versionNum int, opts CatalogOptions) (*catalog.Catalog, error) {
	// work_mem keeps the sorts in memory; parallel workers cost more to
	// start than these catalog scans take; and JIT compiling the queries
	// over 20,000 indexes took two seconds, longer than running them.
	if _, err := q.Exec(ctx, `select set_config('search_path', 'pg_catalog', true), set_config('work_mem', '64MB', true),
		set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`, pgx.QueryExecModeExec); err != nil {
		return nil, fmt.Errorf("load catalog: set search_path: %w", err)
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
	if err := loadColumns(ctx, q, opts, ld); err != nil {
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
