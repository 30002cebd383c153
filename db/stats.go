package db

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPGSS is returned by the slow-query functions when
// pg_stat_statements cannot be read; PGSSAdvice words what to change.
var ErrNoPGSS = errors.New("pg_stat_statements is not available")

// PGSSStatus is whether pg_stat_statements can be read, read afresh
// (the user may have run CREATE EXTENSION since the console started).
type PGSSStatus struct {
	// Preload is shared_preload_libraries, nil when the role may not read it.
	Preload *string
	// Schema is where the extension is installed, nil when it is not.
	Schema *string
	// Available says the extension's files are installed on the server.
	Available bool
}

// Preloaded reports whether pg_stat_statements is in
// shared_preload_libraries; nil when the role cannot tell.
func (p PGSSStatus) Preloaded() *bool {
	if p.Preload == nil {
		return nil
	}
	b := false
	for _, lib := range strings.Split(*p.Preload, ",") {
		if strings.Trim(strings.TrimSpace(lib), `"`) == "pg_stat_statements" {
			b = true
		}
	}
	return &b
}

// PGSSStatus reads the extension's state now.
func (d *DB) PGSSStatus(ctx context.Context) (PGSSStatus, error) {
	var p PGSSStatus
	err := d.Read(ctx, func(q Querier) error {
		return q.QueryRow(ctx, query("stats_pgss_status")).Scan(&p.Preload, &p.Schema, &p.Available)
	})
	if err != nil {
		return p, fmt.Errorf("read pg_stat_statements status: %w", err)
	}
	return p, nil
}

// Advice says exactly what stands between the user and slow-query
// statistics in database dbname, quoting the server's current setting, or
// "" when nothing does. It is what the Slow pane shows instead of an error.
func (p PGSSStatus) Advice(dbname string) string {
	var steps []string
	if !p.Available {
		steps = append(steps, "install the server's contrib package (Debian/Ubuntu: postgresql-contrib or postgresql-NN; RHEL: postgresqlNN-contrib)")
	}
	pre := p.Preloaded()
	switch {
	case pre == nil && p.Schema == nil:
		steps = append(steps, "make sure pg_stat_statements is in shared_preload_libraries (this role may not read that setting; ask a superuser), then restart")
	case pre != nil && !*pre:
		cur := strings.TrimSpace(*p.Preload)
		if cur == "" {
			cur = "empty"
		} else {
			cur = "'" + cur + "'"
		}
		want := "pg_stat_statements"
		if strings.TrimSpace(*p.Preload) != "" {
			want = strings.TrimSpace(*p.Preload) + ", pg_stat_statements"
		}
		steps = append(steps, fmt.Sprintf("shared_preload_libraries is currently %s: set it to '%s' in postgresql.conf (or ALTER SYSTEM SET shared_preload_libraries = '%s') and restart the server", cur, want, want))
	}
	if p.Schema == nil {
		steps = append(steps, "run in database "+dbname+": CREATE EXTENSION pg_stat_statements;")
	}
	if len(steps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("pg_stat_statements is not available. To enable slow-query statistics:")
	for i, s := range steps {
		fmt.Fprintf(&b, "\n  %d. %s", i+1, s)
	}
	return b.String()
}

// pgssSQL fills the extension schema into a pg_stat_statements query. The
// schema comes from the server facts, or is looked up afresh when the
// extension was created after the console connected.
func (d *DB) pgssSQL(ctx context.Context, name string) (string, error) {
	schema := d.Info.PGSSSchema
	if !d.Info.PGSSInstalled || schema == nil {
		st, err := d.PGSSStatus(ctx)
		if err != nil {
			return "", err
		}
		if st.Schema == nil {
			return "", ErrNoPGSS
		}
		schema = st.Schema
	}
	return strings.ReplaceAll(query(name), "{{schema}}", pgx.Identifier{*schema}.Sanitize()), nil
}

// QueryStats reads every pg_stat_statements entry of the current database
// without texts; fill them in with QueryTexts. Entries of other users
// come back Hidden when the role may not see them.
func (d *DB) QueryStats(ctx context.Context) ([]QueryStat, error) {
	sql, err := d.pgssSQL(ctx, "stats_statements")
	if err != nil {
		return nil, err
	}
	var out []QueryStat
	err = d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, sql, pgx.QueryExecModeSimpleProtocol)
		if err != nil {
			return err
		}
		defer rows.Close()
		fields := rows.FieldDescriptions()
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.Name
		}
		tr := newTextRow(names)
		out = make([]QueryStat, 0, 64)
		for rows.Next() {
			s, err := tr.parse(rows.RawValues())
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read pg_stat_statements: %w", wrapPGSS(err))
	}
	return out, nil
}

// QueryTexts returns the normalised texts of the given queryids.
func (d *DB) QueryTexts(ctx context.Context, ids []int64) (map[int64]string, error) {
	sql, err := d.pgssSQL(ctx, "stats_statement_texts")
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	err = d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, sql, ids)
		if err != nil {
			return err
		}
		var id int64
		var text *string
		_, err = pgx.ForEachRow(rows, []any{&id, &text}, func() error {
			if text != nil {
				out[id] = *text
			}
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read query texts: %w", wrapPGSS(err))
	}
	return out, nil
}

// FillTexts sets Query on each statement from cache, fetching the texts it
// lacks in one round trip and adding them to cache.
func (d *DB) FillTexts(ctx context.Context, stmts []QueryStat, cache map[int64]string) error {
	var missing []int64
	for _, s := range stmts {
		if s.QueryID == nil {
			continue
		}
		if _, ok := cache[int64(*s.QueryID)]; !ok {
			missing = append(missing, int64(*s.QueryID))
		}
	}
	if len(missing) > 0 {
		texts, err := d.QueryTexts(ctx, missing)
		if err != nil {
			return err
		}
		for id, t := range texts {
			cache[id] = t
		}
	}
	for i := range stmts {
		if stmts[i].QueryID != nil {
			stmts[i].Query = cache[int64(*stmts[i].QueryID)]
		}
	}
	return nil
}

// QueryStatsReset says when pg_stat_statements was last reset; nil before
// PostgreSQL 14, where the server does not record it.
func (d *DB) QueryStatsReset(ctx context.Context) (*time.Time, error) {
	if d.Info.Major() < 14 {
		return nil, nil
	}
	sql, err := d.pgssSQL(ctx, "stats_statements_reset")
	if err != nil {
		return nil, err
	}
	var t *time.Time
	err = d.Read(ctx, func(q Querier) error { return q.QueryRow(ctx, sql).Scan(&t) })
	if err != nil {
		return nil, fmt.Errorf("read pg_stat_statements reset time: %w", wrapPGSS(err))
	}
	return t, nil
}

// ResetQueryStats empties pg_stat_statements (read-write mode only).
func (d *DB) ResetQueryStats(ctx context.Context) error {
	if !d.Info.PGSSInstalled || d.Info.PGSSSchema == nil {
		return ErrNoPGSS
	}
	fn := pgx.Identifier{*d.Info.PGSSSchema, "pg_stat_statements_reset"}.Sanitize()
	err := d.Write(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, "select "+fn+"()")
		return err
	})
	if err != nil {
		return fmt.Errorf("reset pg_stat_statements: %w", err)
	}
	return nil
}

// wrapPGSS turns "must be loaded via shared_preload_libraries" into ErrNoPGSS.
func wrapPGSS(err error) error {
	if err != nil && strings.Contains(err.Error(), "shared_preload_libraries") {
		return errors.Join(ErrNoPGSS, err)
	}
	return err
}
