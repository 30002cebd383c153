package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Overview is the one-screen summary of a server and its current
// database, as the Overview pane and `pgdeck inspect overview` show it.
type Overview struct {
	Version   string    `db:"version" json:"version"`
	StartedAt time.Time `db:"started_at" json:"started_at"`
	// DatabaseBytes is nil when the size was not asked for.
	DatabaseBytes     *int64 `db:"database_bytes" json:"database_bytes"`
	Schemas           int64  `db:"schemas" json:"schemas"`
	Tables            int64  `db:"tables" json:"tables"`
	Indexes           int64  `db:"indexes" json:"indexes"`
	Connections       int64  `db:"connections" json:"connections"`
	Active            int64  `db:"active" json:"active"`
	IdleInTransaction int64  `db:"idle_in_transaction" json:"idle_in_transaction"`
	MaxConnections    int    `db:"max_connections" json:"max_connections"`
	// CacheHitRatio is nil until the database has read a block.
	CacheHitRatio *float64 `db:"cache_hit_ratio" json:"cache_hit_ratio"`
	Transactions  int64    `db:"transactions" json:"transactions"`
	PGSSInstalled bool     `db:"pgss_installed" json:"pg_stat_statements_installed"`
	InRecovery    bool     `db:"in_recovery" json:"in_recovery"`
	// ReadAt is when the figures were read, for rates between two reads.
	ReadAt time.Time `db:"-" json:"read_at"`
}

// Overview reads the summary in one round trip. withSize adds the
// database size, which costs a stat() of every file of the database, so
// callers refreshing often ask for it only now and then.
func (d *DB) Overview(ctx context.Context, withSize bool) (Overview, error) {
	var o Overview
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, query("overview"), withSize)
		if err != nil {
			return err
		}
		o, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Overview])
		return err
	})
	if err != nil {
		return Overview{}, fmt.Errorf("load overview: %w", err)
	}
	o.ReadAt = time.Now()
	return o, nil
}
