// Package migrate is pgdeck's view of schema migrations: it recognises the
// history tables of the common migration tools by their shape, reads a
// migrations folder in those tools' file formats, compares the two
// (applied, pending, dirty, applied but missing, changed since applied),
// and runs migrations with pgdeck's own golang-migrate-compatible runner.
//
// Detection, folder parsing and comparison are pure; only Load and the
// runner talk to the database, through package db.
package migrate

import (
	"slices"
	"time"
)

// Tool is a migration tool whose history table pgdeck recognises.
type Tool string

// The tools pgdeck recognises.
const (
	GolangMigrate Tool = "golang-migrate"
	Dbmate        Tool = "dbmate"
	Goose         Tool = "goose"
	Flyway        Tool = "flyway"
	Alembic       Tool = "alembic"
	Django        Tool = "django"
	Rails         Tool = "rails"
	Prisma        Tool = "prisma"
	Drizzle       Tool = "drizzle"
	Knex          Tool = "knex"
	Sqlx          Tool = "sqlx"
	Atlas         Tool = "atlas"
	Pgdeck        Tool = "pgdeck"
)

// Table is a table as the catalog describes it: enough to tell which tool
// made it.
type Table struct {
	Schema  string
	Name    string
	Columns map[string]string // column name → format_type
}

// Found is a history table recognised as a tool's.
type Found struct {
	Tool   Tool   `json:"tool"`
	Schema string `json:"schema"`
	Table  string `json:"table"`
}

// Detect recognises history tables by their shape: the table name narrows
// the candidates and the columns decide (golang-migrate, dbmate and Rails
// all name theirs schema_migrations). Tables that match no tool's shape
// are ignored. The result is in a stable order, pgdeck's own first.
func Detect(tables []Table) []Found {
	var out []Found
	inSchema := map[string]map[string]bool{}
	for _, t := range tables {
		if inSchema[t.Schema] == nil {
			inSchema[t.Schema] = map[string]bool{}
		}
		inSchema[t.Schema][t.Name] = true
	}
	for _, t := range tables {
		if tool, ok := shape(t, inSchema[t.Schema]); ok {
			out = append(out, Found{Tool: tool, Schema: t.Schema, Table: t.Name})
		}
	}
	slices.SortStableFunc(out, func(a, b Found) int { return rank(a.Tool) - rank(b.Tool) })
	return out
}

func rank(t Tool) int {
	if t == Pgdeck {
		return 0
	}
	return 1
}

// shape decides whether t is a tool's history table. siblings are the
// table names of t's schema (Rails is told from dbmate by its
// ar_internal_metadata table).
func shape(t Table, siblings map[string]bool) (Tool, bool) {
	c := t.Columns
	has := func(name string, types ...string) bool {
		ty, ok := c[name]
		if !ok {
			return false
		}
		if len(types) == 0 {
			return true
		}
		for _, want := range types {
			if ty == want || len(ty) > len(want) && ty[:len(want)+1] == want+"(" {
				return true
			}
		}
		return false
	}
	text := []string{"text", "character varying", "character"}
	ints := []string{"bigint", "integer", "smallint", "numeric"}
	switch t.Name {
	case "schema_migrations":
		switch {
		case has("version", "bigint", "integer") && has("dirty", "boolean") && len(c) == 2:
			return GolangMigrate, true
		case has("version", text...) && len(c) == 1 && siblings["ar_internal_metadata"]:
			return Rails, true
		case has("version", text...) && len(c) == 1:
			return Dbmate, true
		}
	case "goose_db_version":
		return Goose, has("version_id", ints...) && has("is_applied", "boolean") && has("id")
	case "flyway_schema_history":
		return Flyway, has("installed_rank") && has("version", text...) && has("checksum") && has("success", "boolean")
	case "alembic_version":
		return Alembic, has("version_num", text...)
	case "django_migrations":
		return Django, has("app", text...) && has("name", text...) && has("applied")
	case "_prisma_migrations":
		return Prisma, has("migration_name", text...) && has("checksum", text...) && has("finished_at")
	case "__drizzle_migrations":
		return Drizzle, has("hash", text...) && has("created_at", ints...)
	case "knex_migrations":
		return Knex, has("name", text...) && has("batch", ints...) && has("migration_time")
	case "_sqlx_migrations":
		return Sqlx, has("version", "bigint") && has("checksum", "bytea") && has("success", "boolean")
	case "atlas_schema_revisions":
		return Atlas, has("version", text...) && has("applied", ints...) && has("total", ints...) && has("hash", text...)
	case HistoryTable:
		return Pgdeck, has("version", "bigint") && has("checksum", text...) && has("dirty", "boolean") && has("no_transaction", "boolean")
	}
	return "", false
}

// State is where one migration stands.
type State string

// The states of a migration.
const (
	Applied State = "applied"
	Pending State = "pending"
	// Dirty: started outside a transaction and not finished (or failed);
	// the tool refuses to go on until someone cleans up.
	Dirty State = "dirty"
	// Failed: the tool recorded a failed attempt (Flyway, sqlx, Prisma,
	// Atlas).
	Failed State = "failed"
	// Missing: recorded as applied, but no file for it in the folder.
	Missing State = "missing"
	// Changed: applied, but the file's checksum differs from the recorded
	// one.
	Changed State = "changed"
)

// Record is one migration as a history table records it, normalised over
// the tools. Absent facts are nil.
type Record struct {
	Version    string     `json:"version"`
	Name       string     `json:"name,omitempty"`
	Checksum   *string    `json:"checksum"`
	AppliedAt  *time.Time `json:"applied_at"`
	AppliedBy  *string    `json:"applied_by"`
	DurationMS *float64   `json:"duration_ms"`
	// OK is false for a dirty or failed record.
	OK   bool `json:"ok"`
	NoTx bool `json:"no_transaction"`
}

// History is one tool's history table and what it records.
type History struct {
	Found
	// Head is set for tools that keep only a high-water mark
	// (golang-migrate's single row): every file up to Head's version
	// counts as applied. pgdeck keeps golang-migrate's row as its head and
	// its own richer records beside it.
	Head    *Record  `json:"head"`
	Records []Record `json:"records"`
}
