package db

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestCheckExplain(t *testing.T) {
	for _, c := range []struct {
		sql    string
		writes bool
		err    string
	}{
		{"SELECT 1", false, ""},
		{"WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", true, ""},
		{"INSERT INTO t VALUES (1)", true, ""},
		{"UPDATE t SET a = 1 WHERE id = 2", true, ""},
		{"SELECT * INTO t2 FROM t", true, ""},
		{"EXECUTE p(1)", true, ""},
		{"SELECT 1; SELECT 2", false, "2 statements"},
		{"VACUUM t", false, "transaction block"},
		{"CREATE INDEX CONCURRENTLY i ON t (a)", false, "transaction block"},
		{"BEGIN", false, "transaction control"},
		{"EXPLAIN SELECT 1", false, "already an EXPLAIN"},
		{"CREATE TABLE x (a int)", false, "EXPLAIN accepts only"},
		{"SELEC 1", false, "does not parse"},
		{"", false, "no statement"},
	} {
		chk, err := CheckExplain(c.sql)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.sql, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want %q", c.sql, err, c.err)
		case c.err == "" && chk.Writes != c.writes:
			t.Errorf("%q: writes %v", c.sql, chk.Writes)
		}
	}
}

func TestExplainRunsInRolledBackTransaction(t *testing.T) {
	ctx := context.Background()
	rw := openTest(t, Config{ReadWrite: true})
	setup := "CREATE TABLE IF NOT EXISTS explain_t (id int PRIMARY KEY, v int); INSERT INTO explain_t SELECT g, g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING; CREATE SEQUENCE IF NOT EXISTS explain_seq"
	if err := rw.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, setup); return err }); err != nil {
		t.Fatal(err)
	}
	ro := openTest(t, Config{})
	out, err := ro.Explain(ctx, "SELECT * FROM explain_t WHERE v = 3", ExplainOptions{Analyze: true, Buffers: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"Actual Rows": 1`) || !strings.Contains(out, `"Shared Hit Blocks"`) {
		t.Errorf("not an ANALYZE BUFFERS JSON plan:\n%s", out)
	}
	// Writes: refused read-only, refused without confirmation, and rolled
	// back when confirmed.
	del := "DELETE FROM explain_t WHERE id <= 10"
	if _, err := ro.Explain(ctx, del, ExplainOptions{Analyze: true, AnalyzeWrites: true}); !errors.Is(err, ErrWritesNeedConfirmation) || !strings.Contains(err.Error(), "--read-write") {
		t.Errorf("read-only analyze of DELETE: %v", err)
	}
	if _, err := rw.Explain(ctx, del, ExplainOptions{Analyze: true}); !errors.Is(err, ErrWritesNeedConfirmation) {
		t.Errorf("unconfirmed analyze of DELETE: %v", err)
	}
	if out, err := ro.Explain(ctx, del, ExplainOptions{}); err != nil || strings.Contains(out, "Actual Rows") {
		t.Errorf("plain EXPLAIN of DELETE: %v\n%s", err, out)
	}
	out, err = rw.Explain(ctx, del, ExplainOptions{Analyze: true, AnalyzeWrites: true})
	if err != nil || !strings.Contains(out, `"Operation": "Delete"`) {
		t.Fatalf("confirmed analyze of DELETE: %v\n%s", err, out)
	}
	var n int
	if err := rw.Session.Do(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SELECT count(*) FROM explain_t").Scan(&n)
	}); err != nil || n != 100 {
		t.Errorf("after the rolled-back DELETE: %d rows, %v", n, err)
	}
	// A SELECT calling a writing function fails in the read-only
	// transaction instead of writing.
	if _, err := ro.Explain(ctx, "SELECT nextval('explain_seq')", ExplainOptions{Analyze: true}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("nextval under read-only EXPLAIN ANALYZE: %v", err)
	}
	// The statement timeout applies, and the session is usable afterwards.
	_, err = ro.Explain(ctx, "SELECT pg_sleep(2)", ExplainOptions{Analyze: true, StatementTimeout: 100 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "statement timeout") {
		t.Errorf("timeout: %v", err)
	}
	if st := ro.Session.TxStatus(); st != 'I' {
		t.Errorf("session left in transaction state %c", st)
	}
	// An open user transaction is not rolled back under the user.
	if err := ro.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, "BEGIN"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Explain(ctx, "SELECT 1", ExplainOptions{Analyze: true}); err == nil || !strings.Contains(err.Error(), "transaction open") {
		t.Errorf("explain inside a user transaction: %v", err)
	}
}

func TestIndexColumns(t *testing.T) {
	ctx := context.Background()
	rw := openTest(t, Config{ReadWrite: true})
	setup := `CREATE TABLE IF NOT EXISTS explain_ix (a int, b int, c text);
		CREATE INDEX IF NOT EXISTS explain_ix_b_a ON explain_ix (b, a) INCLUDE (c);
		CREATE INDEX IF NOT EXISTS explain_ix_lower ON explain_ix (lower(c))`
	if err := rw.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, setup); return err }); err != nil {
		t.Fatal(err)
	}
	got, err := rw.IndexColumns(ctx, "public", "explain_ix")
	if err != nil {
		t.Fatal(err)
	}
	var flat []string
	for _, cols := range got {
		flat = append(flat, strings.Join(cols, ","))
	}
	joined := strings.Join(flat, " ")
	if len(got) != 2 || !strings.Contains(joined, "b,a") || !strings.Contains(joined, "lower(c)") {
		t.Errorf("index columns %q", flat)
	}
	if none, err := rw.IndexColumns(ctx, "", "no_such_table"); err != nil || len(none) != 0 {
		t.Errorf("missing table: %v %v", none, err)
	}
}
