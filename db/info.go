package db

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// OwnQueryMarker starts the text of every query pgdeck sends from its
// embedded SQL, so pg_stat_statements and pg_stat_activity can tell
// pgdeck's own diagnostics from the application's statements.
const OwnQueryMarker = "/* pgdeck */ "

// query returns an embedded SQL file, marked as pgdeck's own; a missing
// name is a programming error caught by every test that runs the query.
func query(name string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("db: no embedded query %q", name))
	}
	return OwnQueryMarker + string(b)
}

// IsOwnQuery reports whether a statement text is one of pgdeck's own.
func IsOwnQuery(text string) bool { return strings.HasPrefix(text, OwnQueryMarker) }

// Info holds the server facts the console adapts to.
type Info struct {
	VersionNum      int       `db:"version_num"`
	Version         string    `db:"version"`
	InRecovery      bool      `db:"in_recovery"`
	User            string    `db:"current_user"`
	Database        string    `db:"database"`
	ServerAddr      string    `db:"server_addr"`
	ServerPort      int       `db:"server_port"`
	Superuser       bool      `db:"superuser"`
	ReadAllStats    bool      `db:"read_all_stats"`
	StartedAt       time.Time `db:"started_at"`
	PGSSPreloaded   *bool     `db:"pgss_preloaded"` // nil: not allowed to read the setting
	PGSSInstalled   bool      `db:"pgss_installed"`
	PGSSSchema      *string   `db:"pgss_schema"`
	HypoPGAvailable bool      `db:"hypopg_available"`
	HypoPGInstalled bool      `db:"hypopg_installed"`
	DefaultReadOnly bool      `db:"default_read_only"`

	// Host and Port are where the client connected (socket directory or
	// host name), for the status bar.
	Host string `db:"-"`
	Port int    `db:"-"`
	// Notes are things the user should know about this connection, such as
	// PgBouncer mode limits.
	Notes []string `db:"-"`
}

// Major is the major version (15 for 150004).
func (i Info) Major() int { return i.VersionNum / 10000 }

// SeesAllStats reports whether the user can read other users' query texts
// and activity (superuser or pg_read_all_stats).
func (i Info) SeesAllStats() bool { return i.Superuser || i.ReadAllStats }

func (d *DB) loadInfo(ctx context.Context) error {
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, query("server_info"))
		if err != nil {
			return err
		}
		info, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Info])
		if err != nil {
			return err
		}
		d.Info = info
		return nil
	})
	if err != nil {
		return fmt.Errorf("read server facts: %w", err)
	}
	cc := d.pool.Config().ConnConfig
	d.Info.Host, d.Info.Port = cc.Host, int(cc.Port)
	d.Info.Notes = append(d.Info.Notes, VersionNotes(d.Info.VersionNum)...)
	if d.cfg.PgBouncer {
		d.Info.Notes = append(d.Info.Notes,
			"PgBouncer transaction pooling: read-only is enforced per transaction; session features (persistent SET, temporary tables, session advisory locks) are unavailable")
	}
	return nil
}

// Majors pgdeck is tested against live; see the version table in README.md.
const (
	OldestTestedMajor = 14
	NewestTestedMajor = 18
)

// VersionNotes says what a server outside the tested majors means for the
// user: an older one lacks catalog columns and statistics views that some
// panes read, a newer one is unknown to pgdeck.
func VersionNotes(versionNum int) []string {
	major := versionNum / 10000
	switch {
	case versionNum == 0:
		return nil
	case versionNum < MinCatalogVersion:
		return []string{fmt.Sprintf("PostgreSQL %d is older than pgdeck supports (12+): the Schema pane and completion are unavailable; other panes may show errors", major)}
	case major < OldestTestedMajor:
		return []string{fmt.Sprintf("PostgreSQL %d is older than the majors pgdeck is tested on (%d–%d): pg_stat_statements columns, index-use times and I/O statistics are limited", major, OldestTestedMajor, NewestTestedMajor)}
	case major > NewestTestedMajor:
		return []string{fmt.Sprintf("PostgreSQL %d is newer than the majors pgdeck is tested on (%d–%d): some statistics may be missing or misread", major, OldestTestedMajor, NewestTestedMajor)}
	}
	return nil
}
