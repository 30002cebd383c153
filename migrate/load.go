package migrate

import (
	"context"
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/db"
)

// candidateNames are the table names a history table may have, plus
// ar_internal_metadata, which tells Rails from dbmate.
var candidateNames = []string{
	"schema_migrations", "ar_internal_metadata", "goose_db_version", "flyway_schema_history",
	"alembic_version", "django_migrations", "_prisma_migrations", "__drizzle_migrations",
	"knex_migrations", "_sqlx_migrations", "atlas_schema_revisions", HistoryTable,
}

// LoadHistories finds the history tables of the database and reads them.
// pgdeck's history absorbs golang-migrate's table of the same schema,
// which the runner keeps as its mark.
func LoadHistories(ctx context.Context, q db.Querier) ([]History, error) {
	mts, err := db.MigrationTables(ctx, q, candidateNames)
	if err != nil {
		return nil, err
	}
	tables := make([]Table, 0, len(mts))
	for _, mt := range mts {
		t := Table{Schema: mt.Schema, Name: mt.Name, Columns: map[string]string{}}
		for i, c := range mt.Columns {
			if i < len(mt.Types) {
				t.Columns[c] = mt.Types[i]
			}
		}
		tables = append(tables, t)
	}
	var out []History
	for _, f := range Detect(tables) {
		rows, err := db.MigrationHistory(ctx, q, kind(f.Tool), f.Schema, f.Table)
		if err != nil {
			return nil, err
		}
		h := History{Found: f, Records: []Record{}}
		for _, r := range rows {
			rec := Record{Version: r.Version, Checksum: r.Checksum, AppliedAt: r.AppliedAt, AppliedBy: r.AppliedBy,
				DurationMS: r.DurationMS, OK: r.OK, NoTx: r.NoTx}
			if r.Name != nil {
				rec.Name = *r.Name
			}
			h.Records = append(h.Records, rec)
		}
		if f.Tool == GolangMigrate {
			h.Head, h.Records = headOf(h.Records), []Record{}
		}
		out = append(out, h)
	}
	return mergePgdeck(out), nil
}

func kind(t Tool) string {
	switch t {
	case Rails:
		return "dbmate"
	case GolangMigrate:
		return "golang_migrate"
	}
	return string(t)
}

// headOf returns golang-migrate's single row (the last, should there be
// more), marked as no-transaction when dirty so it shows as dirty.
func headOf(rs []Record) *Record {
	if len(rs) == 0 {
		return nil
	}
	r := rs[len(rs)-1]
	r.NoTx = !r.OK
	return &r
}

// mergePgdeck moves golang-migrate's mark into pgdeck's history of the
// same schema.
func mergePgdeck(hs []History) []History {
	var out []History
	pgdeck := map[string]int{}
	for i, h := range hs {
		if h.Tool == Pgdeck {
			pgdeck[h.Schema] = i
		}
	}
	for _, h := range hs {
		if i, ok := pgdeck[h.Schema]; ok && h.Tool == GolangMigrate && h.Table == "schema_migrations" {
			hs[i].Head = h.Head
			continue
		}
		out = append(out, h)
	}
	for i := range out {
		if j, ok := pgdeck[out[i].Schema]; ok && out[i].Tool == Pgdeck {
			out[i].Head = hs[j].Head
		}
	}
	return out
}

// Pick chooses the history to compare a folder with: pgdeck's own, else
// the one whose tool wrote the folder's format, else the first. It
// returns nil when there is none.
func Pick(hs []History, folder Folder) *History {
	if len(hs) == 0 {
		return nil
	}
	for i := range hs {
		if hs[i].Tool == Pgdeck {
			return &hs[i]
		}
	}
	if len(folder.Files) > 0 {
		format := folder.Files[0].Format
		for i := range hs {
			if hs[i].Tool == format || (format == Dbmate && hs[i].Tool == Rails) {
				return &hs[i]
			}
		}
	}
	return &hs[0]
}

// Describe says in words which history a status compares with.
func (h *History) Describe() string {
	if h == nil {
		return "no migration history table found"
	}
	s := fmt.Sprintf("%s history in %s.%s", h.Tool, h.Schema, h.Table)
	if h.Head != nil {
		s += fmt.Sprintf(" (golang-migrate version %s", h.Head.Version)
		if !h.Head.OK {
			s += ", dirty"
		}
		s += ")"
	}
	return strings.TrimSpace(s)
}
