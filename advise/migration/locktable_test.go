package migration

import (
	"context"
	"errors"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// lockCases are statements whose locks the table claims. Each runs on the
// throwaway server and the locks it really takes are read from pg_locks.
// Statements that cannot run in a transaction block (the wait cases) are
// made to queue behind a lock held on block, and the
// mode they wait for is read instead.
var lockCases = []struct {
	sql   string
	block string // set for statements that cannot run inside BEGIN
}{
	{sql: "CREATE INDEX users_name_idx ON users (name)"},
	{sql: "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)", block: "users"},
	{sql: "DROP INDEX users_email_idx"},
	{sql: "DROP INDEX CONCURRENTLY users_email_idx", block: "users"},
	{sql: "ALTER TABLE users ADD COLUMN note text"},
	{sql: "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now()"},
	{sql: "ALTER TABLE users ADD COLUMN ref int REFERENCES orders (id)"},
	{sql: "ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'x'"},
	{sql: "ALTER TABLE users ALTER COLUMN email SET NOT NULL"},
	{sql: "ALTER TABLE users ALTER COLUMN email DROP NOT NULL"},
	{sql: "ALTER TABLE users ALTER COLUMN name TYPE text"},
	{sql: "ALTER TABLE users ALTER COLUMN name SET STATISTICS 500"},
	{sql: "ALTER TABLE users ALTER COLUMN name SET (n_distinct = 100)"},
	{sql: "ALTER TABLE users ALTER COLUMN name SET STORAGE EXTERNAL"},
	{sql: "ALTER TABLE users DROP COLUMN nickname"},
	{sql: "ALTER TABLE orders ADD CONSTRAINT orders_total_pos CHECK (total > -1)"},
	{sql: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)"},
	{sql: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID"},
	{sql: "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_nv"},
	{sql: "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name)"},
	{sql: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx"},
	{sql: "ALTER TABLE orders DROP CONSTRAINT orders_total_check"},
	{sql: "ALTER TABLE users SET (fillfactor = 70)"},
	{sql: "ALTER TABLE users SET (autovacuum_enabled = false)"},
	{sql: "ALTER TABLE users SET (user_catalog_table = true)"},
	{sql: "ALTER TABLE notes SET UNLOGGED"},
	{sql: "ALTER TABLE users DISABLE TRIGGER ALL"},
	{sql: "ALTER TABLE users CLUSTER ON users_pkey"},
	{sql: "ALTER TABLE users ENABLE ROW LEVEL SECURITY"},
	{sql: "ALTER TABLE users REPLICA IDENTITY FULL"},
	{sql: "ALTER TABLE users OWNER TO postgres"},
	{sql: "ALTER TABLE users RENAME COLUMN name TO full_name"},
	{sql: "ALTER TABLE users RENAME TO customers"},
	{sql: "ALTER INDEX users_email_idx RENAME TO users_email_i"},
	{sql: "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()"},
	{sql: "CREATE TABLE payments (id int, user_id int REFERENCES users (id))"},
	{sql: "DROP TABLE orders"},
	{sql: "TRUNCATE orders"},
	{sql: "DELETE FROM orders"},
	{sql: "UPDATE users SET nickname = 'b'"},
	{sql: "INSERT INTO users VALUES (2, 'b@example.com')"},
	{sql: "VACUUM FULL users", block: "users"},
	{sql: "VACUUM users", block: "users"},
	{sql: "CLUSTER users USING users_pkey"},
	{sql: "REINDEX TABLE users"},
	{sql: "REINDEX INDEX users_email_idx"},
	{sql: "REINDEX INDEX CONCURRENTLY users_email_idx", block: "users"},
	{sql: "REFRESH MATERIALIZED VIEW user_counts"},
	{sql: "REFRESH MATERIALIZED VIEW CONCURRENTLY user_counts"},
	{sql: "LOCK TABLE users IN SHARE MODE"},
	{sql: "COMMENT ON TABLE users IS 'people'"},
	{sql: "COMMENT ON COLUMN users.email IS 'login'"},
}

// TestLockTable checks every lock the table claims against pg_locks.
func TestLockTable(t *testing.T) {
	s := server(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, c := range lockCases {
		t.Run(c.sql, func(t *testing.T) {
			tree, err := pgq.Parse(c.sql)
			if err != nil {
				t.Fatal(err)
			}
			claimed := locksOf(tree.Stmts[0].Stmt)
			if len(claimed) == 0 {
				t.Fatalf("the lock table claims no lock for %q", c.sql)
			}
			if c.block != "" {
				got := waitingLock(ctx, t, s.ConnString("postgres"), c.sql, c.block)
				if want := strongest(claimed); got != want.PgName() {
					t.Fatalf("waits for %s on %s, table says %s", got, c.block, want.PgName())
				}
				return
			}
			held := heldLocks(ctx, t, conn, c.sql)
			for _, rl := range claimed {
				if got := held[rl.Rel.Name]; got != rl.Mode {
					t.Errorf("%s: pg_locks has %s, table says %s", rl.Rel.Name, got.PgName(), rl.Mode.PgName())
				}
			}
		})
	}
}

// heldLocks runs sql inside BEGIN, reads the strongest lock this backend
// holds on each relation from pg_locks, and rolls back.
func heldLocks(ctx context.Context, t *testing.T, conn *pgx.Conn, sql string) map[string]Lock {
	t.Helper()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // rolled back on purpose
	// Names are read before the statement runs: a dropped or renamed
	// relation no longer has its old name in pg_class afterwards.
	names := map[uint32]string{}
	rows, err := tx.Query(ctx, `SELECT oid, relname FROM pg_class WHERE relnamespace = 'public'::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var oid uint32
		var rel string
		if err := rows.Scan(&oid, &rel); err != nil {
			t.Fatal(err)
		}
		names[oid] = rel
	}
	if _, err := tx.Exec(ctx, sql); err != nil {
		t.Fatalf("run: %v", err)
	}
	rows, err = tx.Query(ctx, `SELECT l.relation, l.mode FROM pg_locks l
		WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]Lock{}
	for rows.Next() {
		var oid uint32
		var mode string
		if err := rows.Scan(&oid, &mode); err != nil {
			t.Fatal(err)
		}
		if rel, ok := names[oid]; ok {
			held[rel] = max(held[rel], lockByPgName(mode))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return held
}

// waitingLock holds SHARE UPDATE EXCLUSIVE on block (which lets the
// ACCESS SHARE lock VACUUM takes first to find the table through, and
// stops every mode a wait case claims), starts sql on another
// connection, reads the mode it queues for, then cancels it.
func waitingLock(ctx context.Context, t *testing.T, dsn, sql, block string) string {
	t.Helper()
	holder, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // released on purpose
	if _, err := tx.Exec(ctx, "LOCK TABLE "+block+" IN SHARE UPDATE EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	waiter, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close(ctx)
	pid := waiter.PgConn().PID()
	done := make(chan error, 1)
	go func() { _, err := waiter.Exec(ctx, sql); done <- err }()
	var mode string
	for i := 0; i < 200 && mode == ""; i++ {
		err := tx.QueryRow(ctx, `SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE l.pid = $1 AND NOT l.granted AND c.relname = $2`, pid, block).Scan(&mode)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			t.Fatal(err)
		}
		if mode == "" {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if _, err := tx.Exec(ctx, "SELECT pg_cancel_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil || !strings.Contains(err.Error(), "cancel") {
		t.Errorf("%q was not waiting (err %v)", sql, err)
	}
	return mode
}

func lockByPgName(s string) Lock {
	for l := AccessShare; l <= AccessExclusive; l++ {
		if l.PgName() == s {
			return l
		}
	}
	return NoLock
}
