package migration

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// The server is started by the first test that needs it and stopped in
// TestMain, so the offline tests, the fuzzer and the benchmarks do not
// pay for it.
var (
	srvOnce sync.Once
	srv     *pgtmp.Server
	srvErr  error
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	code := m.Run()
	if srv != nil {
		if err := srv.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close server:", err)
		}
	}
	return code
}

// server returns the throwaway server with the fixture schema loaded; the
// test fails (never skips) when it cannot start.
func server(t testing.TB) *pgtmp.Server {
	t.Helper()
	srvOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		srv, srvErr = pgtmp.Start(ctx, pgtmp.Options{Settings: map[string]string{"autovacuum": "off"}})
		if srvErr != nil {
			return
		}
		conn, err := pgx.Connect(ctx, srv.ConnString("postgres"))
		if err != nil {
			srvErr = err
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, fixtureSQL); err != nil {
			srvErr = fmt.Errorf("load fixtures: %w", err)
		}
	})
	if srvErr != nil {
		t.Fatalf("throwaway server: %v", srvErr)
	}
	return srv
}

const fixtureSQL = `
CREATE TYPE order_status AS ENUM ('new', 'paid');
CREATE TABLE users (id int PRIMARY KEY, email text, name varchar(40), nickname text);
CREATE INDEX users_email_idx ON users (email);
CREATE UNIQUE INDEX users_email_key_idx ON users (email);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, total numeric(12,2), status order_status);
ALTER TABLE orders ADD CONSTRAINT orders_user_nv FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
INSERT INTO users VALUES (1, 'a@example.com', 'a', 'aa');
CREATE MATERIALIZED VIEW user_counts AS SELECT id, count(*) AS n FROM users GROUP BY id;
CREATE UNIQUE INDEX user_counts_id ON user_counts (id);
CREATE TABLE notes (id int, body text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
`
