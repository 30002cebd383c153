package db

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// MigrationTable is a table that may be a migration tool's history, with
// its columns and their types (as format_type prints them).
type MigrationTable struct {
	Schema  string   `db:"schema"`
	Name    string   `db:"name"`
	Columns []string `db:"columns"`
	Types   []string `db:"types"`
}

// MigrationTables lists the readable tables named one of names in any
// schema, the current schema first.
func MigrationTables(ctx context.Context, q Querier, names []string) ([]MigrationTable, error) {
	rows, err := q.Query(ctx, query("migrations_tables"), names)
	if err != nil {
		return nil, fmt.Errorf("list migration tables: %w", err)
	}
	ts, err := pgx.CollectRows(rows, pgx.RowToStructByName[MigrationTable])
	if err != nil {
		return nil, fmt.Errorf("list migration tables: %w", err)
	}
	return ts, nil
}

// HistoryRow is one row of a migration tool's history, normalised by the
// tool's query. Absent facts are nil.
type HistoryRow struct {
	Version    string     `db:"version"`
	Name       *string    `db:"name"`
	Checksum   *string    `db:"checksum"`
	AppliedAt  *time.Time `db:"applied_at"`
	AppliedBy  *string    `db:"applied_by"`
	DurationMS *float64   `db:"duration_ms"`
	OK         bool       `db:"ok"`
	NoTx       bool       `db:"no_tx"`
}

// historyKinds are the tools with a history query, by file name suffix.
var historyKinds = map[string]bool{
	"golang_migrate": true, "dbmate": true, "goose": true, "flyway": true, "alembic": true,
	"django": true, "prisma": true, "drizzle": true, "knex": true, "sqlx": true, "atlas": true, "pgdeck": true,
}

// MigrationHistory reads the history table schema.table the way tool kind
// (golang_migrate, dbmate, goose, flyway, alembic, django, prisma, drizzle,
// knex, sqlx, atlas, pgdeck; Rails reads as dbmate) keeps it.
func MigrationHistory(ctx context.Context, q Querier, kind, schema, table string) ([]HistoryRow, error) {
	if !historyKinds[kind] {
		return nil, fmt.Errorf("read migration history: unknown tool %q", kind)
	}
	sql := strings.Replace(query("migrations_"+kind), "{{table}}", pgx.Identifier{schema, table}.Sanitize(), -1)
	rows, err := q.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("read %s history %s.%s: %w", kind, schema, table, err)
	}
	hs, err := pgx.CollectRows(rows, pgx.RowToStructByName[HistoryRow])
	if err != nil {
		return nil, fmt.Errorf("read %s history %s.%s: %w", kind, schema, table, err)
	}
	return hs, nil
}

// ColumnType returns the type of column col of table (written as SQL
// names it), and false when there is no such column.
func ColumnType(ctx context.Context, q Querier, table, col string) (string, bool, error) {
	var ty string
	err := q.QueryRow(ctx, query("migrations_column_type"), table, col).Scan(&ty)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("column type of %s.%s: %w", table, col, err)
	}
	return ty, true, nil
}
