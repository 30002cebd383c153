package explain

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// update regenerates testdata (captured plans and golden renderings) from
// a throwaway server: go test ./explain -run 'TestGenerate|Golden' -update
var update = flag.Bool("update", false, "regenerate testdata from a throwaway server")

// The server is started by the first test that needs it and stopped in
// TestMain, so benchmarks and offline tests do not pay for it.
var (
	srvOnce sync.Once
	srv     *pgtmp.Server
	srvErr  error
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	flag.Parse()
	code := m.Run()
	if srv != nil {
		if err := srv.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close server:", err)
		}
	}
	return code
}

// server returns the shared throwaway server with the fixture schema
// loaded; the test fails (never skips) if it cannot start.
func server(t testing.TB) *pgtmp.Server {
	t.Helper()
	srvOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		srv, srvErr = pgtmp.Start(ctx, pgtmp.Options{Settings: map[string]string{
			"autovacuum":                "off",
			"max_locks_per_transaction": "1024",
			"jit":                       "on",
		}})
		if srvErr != nil {
			return
		}
		srvErr = loadSchema(ctx, srv.ConnString("postgres"))
	})
	if srvErr != nil {
		t.Fatalf("throwaway server: %v", srvErr)
	}
	return srv
}

func loadSchema(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, schemaSQL); err != nil {
		return fmt.Errorf("load schema: %w", err)
	}
	return nil
}

const schemaSQL = `
CREATE TABLE projects (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO projects SELECT g, 'p' || g FROM generate_series(1, 100) g;
CREATE TABLE tasks (
  id int PRIMARY KEY, project_id int NOT NULL REFERENCES projects, status text NOT NULL,
  created_at timestamptz NOT NULL, payload text NOT NULL);
INSERT INTO tasks SELECT g, 1 + g % 100, (ARRAY['open','done','late','wait'])[1 + g % 4],
  '2024-01-01'::timestamptz + g * interval '1 minute', md5(g::text) FROM generate_series(1, 50000) g;
CREATE INDEX tasks_created_at ON tasks (created_at);
CREATE TABLE audit (id bigserial PRIMARY KEY, task_id int, at timestamptz DEFAULT now());
CREATE FUNCTION audit_task() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO audit (task_id) VALUES (NEW.id); PERFORM pg_sleep(0.001); RETURN NEW; END$$;
CREATE TRIGGER tasks_audit AFTER UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION audit_task();
CREATE TABLE events (id int, kind int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO events SELECT g, g % 10, '2024-01-01'::date + g % 700 FROM generate_series(1, 20000) g;
CREATE TABLE "User Accounts" (id int PRIMARY KEY, "Full Name" text);
INSERT INTO "User Accounts" SELECT g, 'u' || g FROM generate_series(1, 1000) g;
CREATE TABLE big (id int, v int);
INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, 500000) g;
CREATE INDEX big_id ON big (id);
ANALYZE;
`

// capture runs EXPLAIN (opts) sql with the given settings in a transaction
// that is rolled back, and returns the output as PostgreSQL sends it.
func capture(ctx context.Context, conn *pgx.Conn, settings []string, opts, sql string) (string, error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	for _, s := range settings {
		if _, err := tx.Exec(ctx, "SET LOCAL "+s); err != nil {
			return "", fmt.Errorf("set %s: %w", s, err)
		}
	}
	q := "EXPLAIN " + sql
	if opts != "" {
		q = "EXPLAIN (" + opts + ") " + sql
	}
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return "", fmt.Errorf("%s: %w", q, err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("%s: %w", q, err)
	}
	return strings.Join(lines, "\n") + "\n", nil
}
