package fixloop

import (
	"context"
	"embed"
	"fmt"
	"strconv"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/migrate"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

func query(name string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("fixloop: missing sql/" + name + ".sql") // a build mistake, caught by every test
	}
	return string(b)
}

// IndexState is what the catalog says about an index name.
type IndexState struct {
	Exists  bool     `json:"exists"`
	IsIndex bool     `json:"is_index"`
	Valid   bool     `json:"valid"`
	Ready   bool     `json:"ready"`
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

// indexState reads the state of the relation called name (qualified as
// SQL writes it) on q.
func indexState(ctx context.Context, q db.Querier, name string) (IndexState, error) {
	var s IndexState
	err := q.QueryRow(ctx, query("index_state"), name).Scan(&s.Exists, &s.IsIndex, &s.Valid, &s.Ready, &s.Table, &s.Columns)
	if err != nil {
		return s, fmt.Errorf("read index %s: %w", name, err)
	}
	return s, nil
}

// ReadIndexState reads an index's state with the diagnostic timeouts.
func ReadIndexState(ctx context.Context, d *db.DB, name string) (IndexState, error) {
	var s IndexState
	err := d.Read(ctx, func(q db.Querier) error {
		var err error
		s, err = indexState(ctx, q, name)
		return err
	})
	return s, err
}

// appliedHead is the highest version the database's migration history
// records for the folder's tool (-1: none, or no history table yet).
func appliedHead(ctx context.Context, d *db.DB, dir string) (int64, error) {
	folder, _ := migrate.ReadFolder(dir)
	head := int64(-1)
	err := d.Read(ctx, func(q db.Querier) error {
		hs, err := migrate.LoadHistories(ctx, q)
		if err != nil {
			return err
		}
		h := migrate.Pick(hs, folder)
		if h == nil {
			return nil
		}
		if h.Head != nil {
			head = parseVersion(h.Head.Version, head)
		}
		for _, r := range h.Records {
			head = parseVersion(r.Version, head)
		}
		return nil
	})
	if err != nil {
		return -1, fmt.Errorf("read the migration history: %w", err)
	}
	return head, nil
}

func parseVersion(v string, high int64) int64 {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > high {
		return n
	}
	return high
}
