package migration

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestReadSource(t *testing.T) {
	cases := []struct {
		name, content string
		ok            bool
		tool          Tool
		mode          TxMode
		upHas, upLost string
	}{
		{"migrations/001_users.up.sql", "CREATE TABLE a (id int);", true, GolangMigrate, TxUnlessAlone, "CREATE TABLE a", ""},
		{"migrations/001_users.down.sql", "DROP TABLE a;", false, "", 0, "", ""},
		{"20240101_add.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n", true, Goose, TxWrapped, "CREATE TABLE a", "DROP TABLE"},
		{"20240102_idx.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON a (x);\n-- +goose Down\nDROP INDEX i;\n", true, Goose, TxNone, "CONCURRENTLY", "DROP INDEX"},
		{"20240103_x.sql", "-- migrate:up\nALTER TABLE a ADD b int;\n\n-- migrate:down\nALTER TABLE a DROP b;\n", true, Dbmate, TxWrapped, "ADD b", "DROP b"},
		{"20240104_x.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (x);\n-- migrate:down\n", true, Dbmate, TxNone, "CONCURRENTLY", ""},
		{"V2__add_users.sql", "CREATE TABLE a (id int);", true, Flyway, TxUnlessAlone, "CREATE TABLE", ""},
		{"V2.1__more.sql", "SELECT 1;", true, Flyway, TxUnlessAlone, "SELECT", ""},
		{"U2__undo.sql", "DROP TABLE a;", false, "", 0, "", ""},
		{"R__views.sql", "CREATE VIEW v AS SELECT 1;", true, Flyway, TxUnlessAlone, "VIEW", ""},
		{"schema.sql", "CREATE TABLE a (id int);", true, Plain, TxNone, "CREATE", ""},
		{"README.md", "# hi", false, "", 0, "", ""},
	}
	for _, c := range cases {
		src, ok := ReadSource(c.name, c.content)
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if src.Tool != c.tool || src.Mode != c.mode {
			t.Errorf("%s: tool %s mode %d, want %s %d", c.name, src.Tool, src.Mode, c.tool, c.mode)
		}
		if !strings.Contains(src.SQL, c.upHas) || (c.upLost != "" && strings.Contains(src.SQL, c.upLost)) {
			t.Errorf("%s: up part %q", c.name, src.SQL)
		}
		if !strings.HasPrefix(c.content, src.SQL) {
			t.Errorf("%s: up part does not keep its offsets in the file", c.name)
		}
	}
}

// TestConcurrentlyByTool checks that CONCURRENTLY is judged by how each
// tool runs the file.
func TestConcurrentlyByTool(t *testing.T) {
	const idx = "CREATE INDEX CONCURRENTLY i ON users (email);\n"
	cases := []struct {
		name, content string
		want          bool
	}{
		{"1_idx.up.sql", idx, false},
		{"1_idx.up.sql", "SET lock_timeout = '2s';\n" + idx, true},
		{"V1__idx.sql", idx, false},
		{"V1__idx.sql", "SELECT 1;\n" + idx, true},
		{"1_idx.sql", "-- +goose Up\n" + idx, true},
		{"1_idx.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + idx, false},
		{"1_idx.sql", "-- migrate:up\n" + idx, true},
		{"1_idx.sql", "-- migrate:up transaction:false\n" + idx, false},
		{"idx.sql", idx, false},
		{"idx.sql", "BEGIN;\n" + idx + "COMMIT;\n", true},
		{"idx.sql", "BEGIN;\nCOMMIT;\n" + idx, false},
	}
	for _, c := range cases {
		src, ok := ReadSource(c.name, c.content)
		if !ok {
			t.Fatalf("%s not read", c.name)
		}
		fs, err := LintSource(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := rulesOf(fs)["concurrently-in-transaction"] > 0; got != c.want {
			t.Errorf("%s %q: concurrently-in-transaction = %v, want %v", c.name, c.content, got, c.want)
		}
	}
}

// TestMultiStatementIsOneTransaction backs the golang-migrate rule: a file
// sent as one multi-statement query runs as one implicit transaction, so
// CONCURRENTLY fails there, and works when it is alone.
func TestMultiStatementIsOneTransaction(t *testing.T) {
	s := server(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	_, err = conn.PgConn().Exec(ctx, "SET lock_timeout = '2s'; CREATE INDEX CONCURRENTLY notes_multi ON notes (id)").ReadAll()
	if err == nil || !strings.Contains(err.Error(), "transaction block") {
		t.Fatalf("multi-statement CONCURRENTLY: err = %v, want a transaction block error", err)
	}
	if _, err := conn.PgConn().Exec(ctx, "CREATE INDEX CONCURRENTLY notes_alone ON notes (id)").ReadAll(); err != nil {
		t.Fatalf("CONCURRENTLY alone: %v", err)
	}
}

func TestCompareNames(t *testing.T) {
	for _, c := range [][2]string{{"2_a.up.sql", "10_a.up.sql"}, {"V2__a.sql", "V10__a.sql"}, {"001_a.sql", "002_a.sql"}, {"a", "b"}} {
		if CompareNames(c[0], c[1]) >= 0 || CompareNames(c[1], c[0]) <= 0 {
			t.Errorf("%s should sort before %s", c[0], c[1])
		}
	}
}
