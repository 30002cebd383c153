// Package demo builds the sample database of `pgdeck demo`: a
// project-management app (organizations, users, memberships, projects,
// tasks, comments, activity_logs, tags, task_tags) with 150,000 tasks
// generated server-side, a sample golang-migrate migrations folder of which
// some migrations are applied, and a workload that fills
// pg_stat_statements.
//
// The database carries deliberate design and performance problems for the
// other panes to find; planted.go names each of them, and a "PLANTED"
// comment in the SQL that creates it says why it is wrong.
package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// dataFS holds the data-generation and problem-planting steps; loadSteps
// says in which order and on which connection they run.
//
//go:embed sql/*.sql
var dataFS embed.FS

// runFunc is the body of a step: SQL run on one connection.
type runFunc func(ctx context.Context, conn *pgx.Conn) error

// step is one unit of Load, reported through the progress callback.
type step struct {
	name string
	run  runFunc
}

// Load creates the demo schema and data in the database named by
// connString, which must be empty (freshly created). progress, if not
// nil, is called with a short description before each step, always from
// the calling goroutine. The bulk of the data is generated on two
// connections at once.
func Load(ctx context.Context, connString string, progress func(step string)) error {
	conn, err := connectLoader(ctx, connString)
	if err != nil {
		return fmt.Errorf("demo load: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if err := checkEmpty(ctx, conn); err != nil {
		return fmt.Errorf("demo load: %w", err)
	}
	steps, err := loadSteps(connString)
	if err != nil {
		return fmt.Errorf("demo load: %w", err)
	}
	for _, s := range steps {
		if progress != nil {
			progress(s.name)
		}
		if err := s.run(ctx, conn); err != nil {
			return fmt.Errorf("demo load: %s: %w", s.name, err)
		}
	}
	return nil
}

// checkEmpty refuses a database whose public schema already holds
// relations, before anything is written to it. Relations of extensions
// (pg_stat_statements' views) do not count.
func checkEmpty(ctx context.Context, conn *pgx.Conn) error {
	var db string
	var n int
	err := conn.QueryRow(ctx, `SELECT current_database(), count(c.oid)
FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`).Scan(&db, &n)
	if err != nil {
		return fmt.Errorf("inspect target database: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("database %q is not empty (%d relations in schema public); load the demo into a new database", db, n)
	}
	return nil
}

// connectLoader opens a connection set up for a fast bulk load. Foreign
// key triggers are off for the session (session_replication_role =
// replica): the generated rows satisfy every foreign key by construction,
// and checking 700,000 references one by one would double the load time.
// The constraints themselves exist and are valid.
func connectLoader(ctx context.Context, connString string) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	// A third of the default statistics sample is plenty for this data
	// and makes ANALYZE three times quicker.
	_, err = conn.Exec(ctx, `SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'; SET synchronous_commit = off;
SET default_statistics_target = 30`)
	if err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("session settings: %w", err)
	}
	// Only a superuser may skip the triggers, and the zero-filling of new
	// WAL segments (a few hundred megabytes here); anyone else loads more
	// slowly.
	for _, set := range []string{`SET session_replication_role = replica`, `SET wal_init_zero = off`} {
		_, err = conn.Exec(ctx, set)
		var pgErr *pgconn.PgError
		if err != nil && !(errors.As(err, &pgErr) && pgErr.Code == "42501") {
			conn.Close(ctx)
			return nil, fmt.Errorf("session settings: %w", err)
		}
	}
	return conn, nil
}

// loadSteps lists Load's steps: the schema migrations up to 5, the data
// (in two phases, each on two connections), migration 6 (indexes added later, built in
// bulk), the retention delete that bloats an index, and statistics.
func loadSteps(connString string) ([]step, error) {
	names, bodies, err := appliedUpFiles()
	if err != nil {
		return nil, err
	}
	sqlStep := func(file string) (runFunc, error) {
		body, err := dataFS.ReadFile("sql/" + file)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		return exec(string(body)), nil
	}
	files := map[string]runFunc{}
	for _, f := range []string{"10_organizations_users.sql", "20_memberships_projects.sql", "30_tasks.sql",
		"40_tags.sql", "50_comments.sql", "60_activity_logs.sql", "70_retention.sql"} {
		if files[f], err = sqlStep(f); err != nil {
			return nil, err
		}
	}
	last := len(names) - 1
	steps := []step{{"creating golang-migrate's schema_migrations table and pg_stat_statements", prepare}}
	for i := range names[:last] {
		steps = append(steps, step{"applying migration " + names[i], applyMigration(names[i], bodies[i])})
	}
	steps = append(steps,
		step{"generating organizations, users, memberships and projects", sequence(files["10_organizations_users.sql"], files["20_memberships_projects.sql"])},
		// Two connections work side by side. Each lane references only rows
		// committed by an earlier step, so the lanes are also correct when
		// foreign-key triggers stay on.
		step{"generating tasks; meanwhile the activity log", parallel(connString,
			files["30_tasks.sql"], files["60_activity_logs.sql"])},
		step{"generating comments; meanwhile tags, the log's retention delete and vacuum", parallel(connString,
			files["50_comments.sql"],
			sequence(files["40_tags.sql"], files["70_retention.sql"], exec("VACUUM (ANALYZE) activity_logs"),
				exec("ANALYZE organizations, users, memberships, projects")))},
		step{"applying migration " + names[last], applyMigration(names[last], bodies[last])},
		// The other tables were analyzed by the second lane.
		step{"analyzing tables", exec("ANALYZE tasks, tags, task_tags, comments, schema_migrations")},
	)
	return steps, nil
}

// sequence runs fns one after the other on the same connection.
func sequence(fns ...runFunc) runFunc {
	return func(ctx context.Context, conn *pgx.Conn) error {
		for _, fn := range fns {
			if err := fn(ctx, conn); err != nil {
				return err
			}
		}
		return nil
	}
}

// parallel runs first on conn and second on a new connection at the same
// time; if one fails the other is cancelled.
func parallel(connString string, first, second runFunc) runFunc {
	return func(ctx context.Context, conn *pgx.Conn) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			c2, err := connectLoader(ctx, connString)
			if err != nil {
				cancel()
				done <- err
				return
			}
			defer c2.Close(context.WithoutCancel(ctx))
			err = second(ctx, c2)
			if err != nil {
				cancel()
			}
			done <- err
		}()
		err := first(ctx, conn)
		if err != nil {
			cancel()
		}
		return errors.Join(err, <-done)
	}
}

// createSchemaMigrations is the table exactly as golang-migrate's postgres
// driver creates it.
const createSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)`

// prepare creates golang-migrate's table, and pg_stat_statements when the
// server has it.
func prepare(ctx context.Context, conn *pgx.Conn) error {
	if _, err := conn.Exec(ctx, createSchemaMigrations); err != nil {
		return err
	}
	var available bool
	err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_stat_statements')`).Scan(&available)
	if err != nil {
		return err
	}
	if available {
		// Only a superuser may create it; without it the workload still
		// fills the index usage counters.
		_, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`)
		var pgErr *pgconn.PgError
		if err != nil && !(errors.As(err, &pgErr) && pgErr.Code == "42501") {
			return err
		}
	}
	return nil
}

// applyMigration runs one up file and records it the way golang-migrate
// does: the version is set dirty before the file runs and clean after, and
// schema_migrations keeps a single row.
func applyMigration(name, body string) runFunc {
	return func(ctx context.Context, conn *pgx.Conn) error {
		v, err := migrationVersion(name)
		if err != nil {
			return err
		}
		if err := setVersion(ctx, conn, v, true); err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, body); err != nil {
			return err
		}
		return setVersion(ctx, conn, v, false)
	}
}

// setVersion replaces the single row of schema_migrations.
func setVersion(ctx context.Context, conn *pgx.Conn, v int64, dirty bool) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `TRUNCATE schema_migrations`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, dirty) VALUES ($1, $2)`, v, dirty)
		return err
	})
}

// exec returns a step that runs sql as one simple-protocol batch.
func exec(sql string) runFunc {
	return func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, sql)
		return err
	}
}

// Timed wraps a progress callback so it also receives how long the
// previous step took; the returned finish func reports the last one.
// It is meant for logging, e.g. in tests and benchmarks.
func Timed(report func(step string, d time.Duration)) (progress func(string), finish func()) {
	var cur string
	var start time.Time
	progress = func(s string) {
		if cur != "" {
			report(cur, time.Since(start))
		}
		cur, start = s, time.Now()
	}
	finish = func() {
		if cur != "" {
			report(cur, time.Since(start))
			cur = ""
		}
	}
	return progress, finish
}
