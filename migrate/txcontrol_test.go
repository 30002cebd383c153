package migrate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/advise/migration"
)

// TestTxControlRefused: a pending file with its own BEGIN/COMMIT is
// refused before anything runs, even with --allow-dangerous, naming the
// file, line and statement; the same file without them applies. A down
// file with a COMMIT is refused too.
func TestTxControlRefused(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	files := map[string]string{
		"001_a.up.sql":   "CREATE TABLE a (id int);\n",
		"001_a.down.sql": "DROP TABLE a;\n",
		"002_b.up.sql":   "CREATE TABLE b (id int);\n-- own transaction\n/* x */ begin;\nCREATE TABLE c (id int);\nCOMMIT;\nCREATE TABLE d (id int);\n",
	}
	o := opts()
	o.AllowDangerous = true
	_, err := Up(ctx, migrator(t, dsn), folderOf(t, files), o)
	var te *TxControlError
	if !errors.As(err, &te) || te.Version != "2" || te.Path != "002_b.up.sql" || te.Line != 3 || te.Statement != "BEGIN" ||
		!strings.Contains(err.Error(), "nothing was applied") {
		t.Fatalf("err %v (%+v), want a TxControlError at 002_b.up.sql line 3", err, te)
	}
	if one[bool](t, dsn, "SELECT to_regclass('a') IS NOT NULL OR to_regclass('b') IS NOT NULL OR to_regclass('d') IS NOT NULL") {
		t.Error("something was applied")
	}
	if n := one[int](t, dsn, "SELECT count(*) FROM pgdeck_migrations"); n != 0 {
		t.Errorf("%d history rows, want 0", n)
	}
	files["002_b.up.sql"] = "CREATE TABLE b (id int);\nSAVEPOINT s;\nCREATE TABLE c (id int);\nRELEASE SAVEPOINT s;\n"
	files["002_b.down.sql"] = "DROP TABLE b, c;\nCOMMIT;\n"
	folder := folderOf(t, files)
	if res, err := Up(ctx, migrator(t, dsn), folder, opts()); err != nil || len(res) != 2 {
		t.Fatalf("without BEGIN/COMMIT: %v %v", res, err)
	}
	_, err = Down(ctx, migrator(t, dsn), folder, opts())
	if !errors.As(err, &te) || te.Path != "002_b.down.sql" || te.Line != 2 || te.Statement != "COMMIT" {
		t.Fatalf("down: %v, want a TxControlError at 002_b.down.sql line 2", err)
	}
	if !one[bool](t, dsn, "SELECT to_regclass('b') IS NOT NULL AND to_regclass('c') IS NOT NULL") {
		t.Error("the refused down ran")
	}
}

// TestTxControlLint: the linter reports a file's own BEGIN/COMMIT where
// its tool wraps the file in a transaction, and not where the file runs
// on its own.
func TestTxControlLint(t *testing.T) {
	body := "CREATE TABLE t (id bigint);\nBEGIN;\nCREATE TABLE u (id bigint);\nCOMMIT;\n"
	cases := []struct {
		name, content string
		want          bool
	}{
		{"001_t.up.sql", body, true},
		{"V1__t.sql", body, true},
		{"20240101_t.sql", "-- +goose Up\n" + body, true},
		{"20240101_t.sql", "-- migrate:up\n" + body, true},
		{"20240101_t.sql", "-- migrate:up transaction:false\n" + body, false},
		{"20240101_t.sql", "-- +goose Up\n-- +goose NO TRANSACTION\n" + body, false},
		{"script.sql", body, false},
		{"001_t.up.sql", "CREATE TABLE t (id bigint);\nSAVEPOINT a;\nROLLBACK TO SAVEPOINT a;\n", false},
	}
	for _, c := range cases {
		src, ok := migration.ReadSource(c.name, c.content)
		if !ok {
			t.Fatalf("%s not read", c.name)
		}
		fs, err := migration.LintSource(src, migration.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fs {
			if f.Rule == "explicit-transaction" {
				n++
				if f.Line != strings.Count(c.content[:strings.Index(c.content, "BEGIN")], "\n")+1 {
					t.Errorf("%s: line %d", c.name, f.Line)
				}
			}
		}
		if (n == 1) != c.want || n > 1 {
			t.Errorf("%s %q: %d explicit-transaction findings, want %v", c.name, c.content, n, c.want)
		}
	}
}
