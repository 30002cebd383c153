package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/finding"

	"github.com/jackc/pgx/v5"
)

// newTestDB creates an empty database on srv for one test, runs setup SQL
// in it, and returns its connection string.
func newTestDB(t *testing.T, name, setup string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	dsn := srv.ConnString(name)
	if setup != "" {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, setup); err != nil {
			t.Fatal(err)
		}
	}
	return dsn
}

// runCLI runs pgdeck's command line in-process and returns its exit code,
// stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runWith(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestCheckTwinGates runs `pgdeck check` on a real database: the JSON
// names the planted problem and the exit code follows --fail-on.
func TestCheckTwinGates(t *testing.T) {
	dsn := newTestDB(t, "check_twin", `
		create table parent (id bigint generated always as identity primary key, created_at timestamptz, updated_at timestamptz);
		create table child (id bigint generated always as identity primary key, parent_id bigint not null references parent, created_at timestamptz, updated_at timestamptz);`)
	code, out, stderr := runCLI(t, "check", dsn, "--format", "json", "--fail-on", "warning")
	if code != 1 || !strings.Contains(out, `"fk-missing-index"`) || !strings.Contains(out, `"public.child"`) && !strings.Contains(out, `child`) {
		t.Fatalf("check --fail-on warning: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, "check", dsn, "--format", "json", "--disable", "fk-missing-index", "--fail-on", "warning")
	if code != 0 {
		t.Fatalf("check with the finding disabled: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "check", dsn, "--fail-on", "nonsense")
	if code != 2 {
		t.Fatalf("bad --fail-on: exit %d\n%s", code, stderr)
	}
}

func TestRulesTwin(t *testing.T) {
	code, out, _ := runCLI(t, "rules", "--format", "json")
	if code != 0 || !strings.Contains(out, `"rule": "fk-missing-index"`) || !strings.Contains(out, `"schema"`) {
		t.Fatalf("rules json: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "rules")
	if code != 0 || strings.Count(out, "\n") != len(finding.Rules()) {
		t.Fatalf("rules text: exit %d, %d lines for %d rules", code, strings.Count(out, "\n"), len(finding.Rules()))
	}
	if code, _, _ = runCLI(t, "rules", "--format", "xml"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
}

// TestDisableOnEveryTwin: --disable takes the registry's ids on every twin
// that reports findings, and rejects unknown ones.
func TestDisableOnEveryTwin(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "001_drop.up.sql")
	if err := os.WriteFile(file, []byte("DROP TABLE old_things;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, "migrate", "lint", file); code != 1 || !strings.Contains(out, "drop-table") {
		t.Fatalf("lint without --disable: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "migrate", "lint", "--disable", "drop-table", file); code != 0 || strings.Contains(out, "drop-table") {
		t.Fatalf("lint --disable drop-table: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"migrate", "lint", "--disable", "no-such-rule", file},
		{"explain", "--disable", "no-such-rule", file},
		{"inspect", "indexes", "--disable", "no-such-rule", srv.ConnString("postgres")},
		{"check", "--disable", "no-such-rule", srv.ConnString("postgres")},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 || !strings.Contains(stderr, "no-such-rule") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
