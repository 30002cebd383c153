package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// The workload's statements, written as an app would, with bind
// parameters. Each comment says which pattern or index it exercises.
const (
	// N+1: the board lists an organization's projects, then fetches each
	// project's tasks with one query per project.
	qOrgProjects   = `SELECT id, name FROM projects WHERE organization_id = $1 AND archived_at IS NULL ORDER BY name`
	qProjectTasksN = `SELECT id, title, status, priority, due_at FROM tasks WHERE project_id = $1 ORDER BY created_at DESC LIMIT 20`

	// Four-table join: an organization's tasks in one status with their
	// reporter and comment count.
	qJoin4 = `SELECT p.name AS project, t.id, t.title, u.full_name AS reporter, count(c.id) AS comments
FROM projects p
JOIN tasks t ON t.project_id = p.id
JOIN users u ON u.id = t.reporter_id
LEFT JOIN comments c ON c.task_id = t.id
WHERE p.organization_id = $1 AND t.status = $2
GROUP BY p.name, t.id, t.title, u.full_name
ORDER BY comments DESC, t.id
LIMIT 20`

	// Heavy aggregation: the weekly report of an enterprise account (a
	// group of organizations): throughput, effort and lead time per week
	// and status, with a median.
	qWeeklyReport = `SELECT date_trunc('week', t.created_at) AS week, t.status,
       count(*) AS tasks,
       count(DISTINCT t.assignee_id) AS assignees,
       sum(t.estimate_hours) AS hours,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.completed_at - t.created_at) AS median_lead_time
FROM projects p
JOIN tasks t ON t.project_id = p.id
WHERE p.organization_id = ANY ($1) AND t.created_at >= $2
GROUP BY week, t.status
ORDER BY week, t.status`

	// Task detail page.
	qTask         = `SELECT id, project_id, title, description, status, priority, due_at FROM tasks WHERE id = $1`
	qTaskComments = `SELECT id, author_id, body, created_at FROM comments WHERE task_id = $1 ORDER BY created_at`
	qTaskTags     = `SELECT g.name, g.color FROM task_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.task_id = $1 ORDER BY g.name`
	qTaskHistory  = `SELECT actor_id, action, payload, occurred_at FROM activity_logs WHERE task_id = $1 ORDER BY occurred_at DESC LIMIT 20`

	// User profile page.
	qUserOrgs     = `SELECT o.id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY o.name`
	qUserProjects = `SELECT id, name FROM projects WHERE owner_id = $1 ORDER BY name`
	qUserReported = `SELECT id, title, status FROM tasks WHERE reporter_id = $1 ORDER BY created_at DESC LIMIT 20`
	qUserComments = `SELECT id, task_id, body FROM comments WHERE author_id = $1 ORDER BY created_at DESC LIMIT 20`

	// Organization pages.
	qOrgMembers = `SELECT u.id, u.full_name, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 ORDER BY u.full_name`
	qOrgFeed    = `SELECT actor_id, task_id, action, occurred_at FROM activity_logs WHERE organization_id = $1 ORDER BY occurred_at DESC LIMIT 50`
	qOrgTags    = `SELECT id, name, color FROM tags WHERE organization_id = $1 ORDER BY name`
	qTagTasks   = `SELECT t.id, t.title FROM task_tags tt JOIN tasks t ON t.id = tt.task_id WHERE tt.tag_id = $1 ORDER BY t.id DESC LIMIT 20`
)

// Workload runs an app-like mix of queries against a database made by
// Load so that pg_stat_statements and the index usage counters have
// something to show: an N+1 pattern, SlowQuery (SlowQueryCalls times), a
// four-table join, a heavy aggregation, and page queries that use every
// non-unique index except PlantedUnusedIndex. It first resets this
// database's pg_stat_statements entries (other databases are left alone)
// when the extension is usable.
func Workload(ctx context.Context, connString string) error {
	if err := resetStatements(ctx, connString); err != nil {
		return fmt.Errorf("demo workload: %w", err)
	}
	// Two connections share the work, as two app servers would: the
	// first runs most of the slow query, the second the rest of it and
	// everything else. Each then flushes its statistics.
	const half = SlowQueryCalls * 5 / 8
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		err := runParts(ctx, connString, part{"slow query", slowQuery(0, half)})
		if err != nil {
			cancel()
		}
		errc <- err
	}()
	err := runParts(ctx, connString,
		part{"slow query", slowQuery(half, SlowQueryCalls)},
		part{"n+1 board", boardNPlusOne},
		part{"four-table join", join4},
		part{"weekly report", weeklyReport},
		part{"pages", pages},
	)
	if err != nil {
		cancel()
	}
	if err := errors.Join(err, <-errc); err != nil {
		return fmt.Errorf("demo workload: %w", err)
	}
	return nil
}

// resetStatements empties the pg_stat_statements entries of the target
// database, so that they show the workload rather than the load. Without
// the extension (or the privilege) the reset fails; the workload still
// fills the index counters, so that is not an error.
func resetStatements(ctx context.Context, connString string) error {
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, _ = conn.Exec(ctx, `SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`)
	return nil
}

// part is a named piece of the workload.
type part struct {
	name string
	run  func(context.Context, *pgx.Conn) error
}

// runParts runs parts on a new connection, then makes the server publish
// that connection's index usage counters at once.
func runParts(ctx context.Context, connString string, parts ...part) error {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	// Two busy connections already use both cores of a small demo
	// machine; parallel workers would only add start-up cost to each
	// call of the slow query.
	cfg.RuntimeParams["max_parallel_workers_per_gather"] = "0"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, p := range parts {
		if err := p.run(ctx, conn); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	// Index scan counters are flushed lazily; force it so the counts are
	// visible as soon as the workload returns (the function exists from
	// 15 on).
	var version int
	if err := conn.QueryRow(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		return fmt.Errorf("server version: %w", err)
	}
	if version >= 150000 {
		if _, err := conn.Exec(ctx, `SELECT pg_stat_force_next_flush()`); err != nil {
			return fmt.Errorf("flush statistics: %w", err)
		}
	}
	return nil
}

// drain runs a query and discards its rows.
func drain(ctx context.Context, conn *pgx.Conn, sql string, args ...any) error {
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

func boardNPlusOne(ctx context.Context, conn *pgx.Conn) error {
	for org := 1; org <= 30; org++ {
		ids, err := queryIDs(ctx, conn, qOrgProjects, org)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := drain(ctx, conn, qProjectTasksN, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func queryIDs(ctx context.Context, conn *pgx.Conn, sql string, args ...any) ([]int64, error) {
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (int64, error) {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		return id, err
	})
}

// slowQuery returns a part running SlowQuery for the users of calls
// first to last-1 (calls are numbered 0 to SlowQueryCalls-1).
func slowQuery(first, last int) func(context.Context, *pgx.Conn) error {
	return func(ctx context.Context, conn *pgx.Conn) error {
		for i := first; i < last; i++ {
			if err := drain(ctx, conn, SlowQuery, UserID(1+i*41%Users), "done"); err != nil {
				return err
			}
		}
		return nil
	}
}

func join4(ctx context.Context, conn *pgx.Conn) error {
	statuses := []string{"todo", "in_progress", "review", "done"}
	for i := 0; i < 40; i++ {
		if err := drain(ctx, conn, qJoin4, 1+i*7%Organizations, statuses[i%len(statuses)]); err != nil {
			return err
		}
	}
	return nil
}

func weeklyReport(ctx context.Context, conn *pgx.Conn) error {
	for i := 0; i < 10; i++ {
		orgs := make([]int64, 2)
		for j := range orgs {
			orgs[j] = int64(1 + (i*2+j)%Organizations)
		}
		since := time.Now().AddDate(0, 0, -365)
		if err := drain(ctx, conn, qWeeklyReport, orgs, since); err != nil {
			return err
		}
	}
	return nil
}

// pages runs the detail pages of tasks, users and organizations: many
// cheap indexed lookups, which give every non-unique index (but the
// planted unused one) some scans.
func pages(ctx context.Context, conn *pgx.Conn) error {
	for i := 0; i < 30; i++ {
		task := 1 + i*3989%Tasks
		for _, q := range []string{qTask, qTaskComments, qTaskTags, qTaskHistory} {
			if err := drain(ctx, conn, q, task); err != nil {
				return err
			}
		}
	}
	for i := 0; i < 30; i++ {
		user := UserID(1 + i*167%Users)
		for _, q := range []string{qUserOrgs, qUserProjects, qUserReported, qUserComments} {
			if err := drain(ctx, conn, q, user); err != nil {
				return err
			}
		}
	}
	for i := 0; i < 20; i++ {
		org := 1 + i*11%Organizations
		for _, q := range []string{qOrgMembers, qOrgFeed, qOrgTags} {
			if err := drain(ctx, conn, q, org); err != nil {
				return err
			}
		}
		if err := drain(ctx, conn, qTagTasks, (org-1)*8+1+i%8); err != nil {
			return err
		}
	}
	return nil
}
