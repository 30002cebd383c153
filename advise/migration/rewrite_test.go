package migration

import (
	"context"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// facts is a Facts answering column types from a map keyed "table.column".
type facts map[string]string

func (f facts) ColumnType(t Ref, col string) (string, bool) {
	v, ok := f[t.Name+"."+col]
	return v, ok
}

func (f facts) Table(Ref) (TableFacts, bool) { return TableFacts{}, false }

// rewriteCases pair a column's current type with a change. Whether the
// linter says it rewrites is checked against the server: a rewrite gives
// the table a new relfilenode.
var rewriteCases = []struct{ old, alter string }{
	{"varchar(40)", "ALTER TABLE rw ALTER COLUMN c TYPE text"},
	{"varchar(40)", "ALTER TABLE rw ALTER COLUMN c TYPE varchar(80)"},
	{"varchar(40)", "ALTER TABLE rw ALTER COLUMN c TYPE varchar"},
	{"varchar(80)", "ALTER TABLE rw ALTER COLUMN c TYPE varchar(40)"},
	{"text", "ALTER TABLE rw ALTER COLUMN c TYPE varchar"},
	{"text", "ALTER TABLE rw ALTER COLUMN c TYPE varchar(10)"},
	{"numeric(12,2)", "ALTER TABLE rw ALTER COLUMN c TYPE numeric(14,2)"},
	{"numeric(12,2)", "ALTER TABLE rw ALTER COLUMN c TYPE numeric"},
	{"numeric(12,2)", "ALTER TABLE rw ALTER COLUMN c TYPE numeric(12,4)"},
	{"integer", "ALTER TABLE rw ALTER COLUMN c TYPE bigint"},
	{"integer", "ALTER TABLE rw ALTER COLUMN c TYPE text USING c::text"},
	{"cidr", "ALTER TABLE rw ALTER COLUMN c TYPE inet"},
	{"char(4)", "ALTER TABLE rw ALTER COLUMN c TYPE text"},
}

// addCases are ADD COLUMN defaults: volatile ones rewrite, others not.
var addCases = []string{
	"ALTER TABLE rw ADD COLUMN d timestamptz DEFAULT now()",
	"ALTER TABLE rw ADD COLUMN d timestamptz DEFAULT clock_timestamp()",
	"ALTER TABLE rw ADD COLUMN d uuid DEFAULT gen_random_uuid()",
	"ALTER TABLE rw ADD COLUMN d double precision DEFAULT random()",
	"ALTER TABLE rw ADD COLUMN d text NOT NULL DEFAULT 'x'",
	"ALTER TABLE rw ADD COLUMN d bigserial",
	"ALTER TABLE rw ADD COLUMN d bigint GENERATED ALWAYS AS IDENTITY",
	"ALTER TABLE rw ADD COLUMN d jsonb DEFAULT '{}'::jsonb",
}

func TestRewritesMatchServer(t *testing.T) {
	s := server(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, c := range rewriteCases {
		t.Run(c.old+" "+c.alter, func(t *testing.T) {
			want := serverRewrites(ctx, t, conn, "CREATE TABLE rw (id int, c "+c.old+"); INSERT INTO rw VALUES (1, NULL)", c.alter)
			src := "SET lock_timeout = '1s';\n" + c.alter + ";"
			fs, err := LintSource(Source{Name: "t.sql", SQL: src}, Options{Facts: facts{"rw.c": c.old}})
			if err != nil {
				t.Fatal(err)
			}
			if got := rulesOf(fs)["change-column-type"] > 0; got != want {
				t.Errorf("linter says rewrite=%v, server %v", got, want)
			}
		})
	}
	for _, alter := range addCases {
		t.Run(alter, func(t *testing.T) {
			want := serverRewrites(ctx, t, conn, "CREATE TABLE rw (id int); INSERT INTO rw VALUES (1)", alter)
			tree, err := pgq.Parse(alter)
			if err != nil {
				t.Fatal(err)
			}
			class, _ := volatility(tree.Stmts[0].Stmt)
			fs := lintString(t, "t.sql", alter, TxNone)
			if got := rulesOf(fs)["add-column-volatile-default"] > 0; got != want {
				t.Errorf("linter says rewrite=%v (default %q), server %v", got, class, want)
			}
		})
	}
}

// serverRewrites runs setup and alter in a transaction, reports whether
// alter gave the table a new relfilenode, and rolls back.
func serverRewrites(ctx context.Context, t *testing.T, conn *pgx.Conn, setup, alter string) bool {
	t.Helper()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // rolled back on purpose
	if _, err := tx.Exec(ctx, setup); err != nil {
		t.Fatal(err)
	}
	var before, after uint32
	if err := tx.QueryRow(ctx, "SELECT pg_relation_filenode('rw')").Scan(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, alter); err != nil {
		t.Fatalf("alter: %v", err)
	}
	if err := tx.QueryRow(ctx, "SELECT pg_relation_filenode('rw')").Scan(&after); err != nil {
		t.Fatal(err)
	}
	return before != after
}
