package db

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

type relationRow struct {
	OID            int64    `db:"oid"`
	Schema         string   `db:"schema"`
	Name           string   `db:"name"`
	RelKind        string   `db:"relkind"`
	Owner          string   `db:"owner"`
	ParentSchema   *string  `db:"parent_schema"`
	ParentName     *string  `db:"parent_name"`
	PartitionBound string   `db:"partition_bound"`
	PartitionKey   string   `db:"partition_key"`
	Unlogged       bool     `db:"unlogged"`
	Options        []string `db:"options"`
	Rows           *float64 `db:"rows"`
	TableBytes     int64    `db:"table_bytes"`
	IndexBytes     int64    `db:"index_bytes"`
	ToastBytes     int64    `db:"toast_bytes"`
	Comment        string   `db:"comment"`
	ViewDefinition string   `db:"view_definition"`
	Extension      string   `db:"extension"`
	Readable       bool     `db:"readable"`
}

var relKinds = map[string]catalog.Kind{
	"r": catalog.Table, "p": catalog.Partitioned, "v": catalog.View,
	"m": catalog.MatView, "f": catalog.ForeignTable,
}

func (r relationRow) relation() catalog.Relation {
	rel := catalog.Relation{
		OID: uint32(r.OID), Schema: r.Schema, Name: r.Name, Kind: relKinds[r.RelKind], Owner: r.Owner,
		PartitionBound: r.PartitionBound, PartitionKey: r.PartitionKey, Unlogged: r.Unlogged,
		Options: r.Options, Rows: r.Rows, TableBytes: r.TableBytes, IndexBytes: r.IndexBytes,
		ToastBytes: r.ToastBytes, Comment: r.Comment, ViewDefinition: r.ViewDefinition,
		Extension: r.Extension, Readable: r.Readable,
	}
	if r.ParentSchema != nil && r.ParentName != nil {
		rel.Parent = &catalog.Key{Schema: *r.ParentSchema, Name: *r.ParentName}
	}
	return rel
}

func loadColumns(ctx context.Context, q Querier, opts CatalogOptions, byOID map[int64]*catalog.Relation) error {
	rows, err := q.Query(ctx, query("catalog_columns"), opts.System)
	if err != nil {
		return fmt.Errorf("load columns: %w", err)
	}
	defer rows.Close()
	var (
		relid           int64
		col             catalog.Column
		seqSchema, seqN *string
	)
	for rows.Next() {
		col = catalog.Column{}
		seqSchema, seqN = nil, nil
		if err := rows.Scan(&relid, &col.Num, &col.Name, &col.Type, &col.BaseType, &col.TypeSchema, &col.Array,
			&col.Length, &col.Enum, &col.NotNull, &col.Default, &col.Identity, &col.Generated, &col.GeneratedKind,
			&col.Collation, &col.Comment, &col.Local, &seqSchema, &seqN); err != nil {
			return fmt.Errorf("load columns: %w", err)
		}
		if seqSchema != nil && seqN != nil {
			col.Sequence = &catalog.Key{Schema: *seqSchema, Name: *seqN}
		}
		if r := byOID[relid]; r != nil {
			r.Columns = append(r.Columns, col)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load columns: %w", err)
	}
	return nil
}

type constraintRow struct {
	RelID      int64    `db:"relid"`
	Name       string   `db:"name"`
	ConType    string   `db:"contype"`
	Columns    []string `db:"columns"`
	Definition string   `db:"definition"`
	Validated  bool     `db:"validated"`
	Local      bool     `db:"local"`
	Comment    string   `db:"comment"`
	Index      string   `db:"index"`
	RefSchema  *string  `db:"ref_schema"`
	RefName    *string  `db:"ref_name"`
	RefColumns []string `db:"ref_columns"`
	OnDelete   string   `db:"on_delete"`
	OnUpdate   string   `db:"on_update"`
}

var conTypes = map[string]catalog.ConstraintType{
	"p": catalog.PrimaryKey, "f": catalog.ForeignKey, "u": catalog.Unique,
	"c": catalog.Check, "x": catalog.Exclusion,
}

// fkActions spells pg_constraint's one-letter referential actions.
var fkActions = map[string]string{
	"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT",
}

func loadConstraints(ctx context.Context, q Querier, opts CatalogOptions, byOID map[int64]*catalog.Relation) error {
	rows, err := collect(ctx, q, "catalog_constraints", opts.System, pgx.RowToStructByName[constraintRow])
	if err != nil {
		return fmt.Errorf("load constraints: %w", err)
	}
	for _, r := range rows {
		rel := byOID[r.RelID]
		if rel == nil {
			continue
		}
		con := catalog.Constraint{
			Name: r.Name, Type: conTypes[r.ConType], Columns: r.Columns, Definition: r.Definition,
			Validated: r.Validated, Local: r.Local, Comment: r.Comment, Index: r.Index,
		}
		if con.Type == catalog.ForeignKey && r.RefSchema != nil && r.RefName != nil {
			con.References = &catalog.Key{Schema: *r.RefSchema, Name: *r.RefName}
			con.RefColumns = r.RefColumns
			con.OnDelete, con.OnUpdate = fkActions[r.OnDelete], fkActions[r.OnUpdate]
		}
		rel.Constraints = append(rel.Constraints, con)
	}
	return nil
}

func loadIndexes(ctx context.Context, q Querier, opts CatalogOptions, byOID map[int64]*catalog.Relation) error {
	rows, err := q.Query(ctx, query("catalog_indexes"), opts.System)
	if err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var relid int64
		var ix catalog.Index
		if err := rows.Scan(&relid, &ix.Name, &ix.Definition, &ix.Method, &ix.Unique, &ix.Primary, &ix.Predicate,
			&ix.Expression, &ix.Keys, &ix.Include, &ix.KeyClasses, &ix.Bytes, &ix.Scans, &ix.Valid,
			&ix.Constraint, &ix.Attached, &ix.Comment); err != nil {
			return fmt.Errorf("load indexes: %w", err)
		}
		if r := byOID[relid]; r != nil {
			r.Indexes = append(r.Indexes, ix)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load indexes: %w", err)
	}
	return nil
}

type triggerRow struct {
	RelID int64 `db:"relid"`
	catalog.Trigger
}

func loadTriggers(ctx context.Context, q Querier, name string, opts CatalogOptions, byOID map[int64]*catalog.Relation) error {
	rows, err := collect(ctx, q, name, opts.System, pgx.RowToStructByName[triggerRow])
	if err != nil {
		return fmt.Errorf("load triggers: %w", err)
	}
	for _, r := range rows {
		if rel := byOID[r.RelID]; rel != nil {
			rel.Triggers = append(rel.Triggers, r.Trigger)
		}
	}
	return nil
}
