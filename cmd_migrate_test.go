package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lintRow is a finding row of `migrate lint --format json`, with the live
// figures as raw JSON so null can be told from zero.
type lintRow struct {
	Rule                 string          `json:"rule"`
	Message              string          `json:"message"`
	TableBytes           json.RawMessage `json:"table_bytes"`
	TableRows            json.RawMessage `json:"table_rows"`
	EstimatedLockSeconds json.RawMessage `json:"estimated_lock_seconds"`
}

// TestMigrateLintLiveFacts: with --dsn the JSON rows carry the table's
// size, rows and lock estimate and the text says them; offline they are
// null; status shows the estimate under the pending migration.
func TestMigrateLintLiveFacts(t *testing.T) {
	dsn := newTestDB(t, "migrate_lint_facts", `CREATE TABLE tasks (id int, title text);
INSERT INTO tasks SELECT g, repeat('x', 60) FROM generate_series(1, 20000) g;
ANALYZE tasks;`)
	dir := t.TempDir()
	file := filepath.Join(dir, "000001_not_null.up.sql")
	if err := os.WriteFile(file, []byte("SET lock_timeout = '5s';\nALTER TABLE tasks ALTER COLUMN title SET NOT NULL;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := func(args ...string) []lintRow {
		t.Helper()
		code, out, stderr := runCLI(t, append([]string{"migrate", "lint", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("lint %v: exit %d\n%s\n%s", args, code, out, stderr)
		}
		var r struct{ Findings []lintRow }
		if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Findings) != 1 || r.Findings[0].Rule != "set-not-null" {
			t.Fatalf("lint %v: %v\n%s", args, err, out)
		}
		return r.Findings
	}
	live := rows("--dsn", dsn, file)[0]
	if string(live.TableRows) != "20000" || string(live.TableBytes) == "null" || string(live.EstimatedLockSeconds) == "null" ||
		!strings.Contains(live.Message, "on public.tasks (") {
		t.Errorf("connected row: %+v", live)
	}
	off := rows(file)[0]
	if string(off.TableRows) != "null" || string(off.TableBytes) != "null" || string(off.EstimatedLockSeconds) != "null" || strings.Contains(off.Message, "public.tasks (") {
		t.Errorf("offline row: %+v", off)
	}
	code, out, stderr := runCLI(t, "migrate", "status", dsn, "--dir", dir)
	if code != 0 || !strings.Contains(out, "line 2: on public.tasks (") || !strings.Contains(out, "holds ACCESS EXCLUSIVE for ~") {
		t.Errorf("status: exit %d\n%s\n%s", code, out, stderr)
	}
}

// TestMigrateLintUsualDirs: without files or --dir, lint looks where
// status does (migrate.UsualDirs), Prisma's folder included.
func TestMigrateLintUsualDirs(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, stderr := runCLI(t, "migrate", "lint")
	if code != 2 || !strings.Contains(stderr, "prisma/migrations") {
		t.Errorf("no folder: exit %d, %s", code, stderr)
	}
	if err := os.MkdirAll("prisma/migrations/20240101_init", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("prisma/migrations/20240101_init/migration.sql", []byte("DROP TABLE users;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "migrate", "lint")
	if code != 1 || !strings.Contains(out, "prisma/migrations/20240101_init/migration.sql:1: error   drop-table") {
		t.Errorf("prisma folder: exit %d\n%s", code, out)
	}
}

// TestMigrateNewCLI: new writes in the folder's format and says what.
func TestMigrateNewCLI(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := runCLI(t, "migrate", "new", "add tags", "--dir", dir, "--tool", "dbmate")
	if code != 0 || !strings.HasPrefix(out, "created "+dir+string(filepath.Separator)) || !strings.HasSuffix(out, "_add_tags.sql\n") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	b, err := os.ReadFile(strings.TrimSpace(strings.TrimPrefix(out, "created ")))
	if err != nil || !strings.HasPrefix(string(b), "-- migrate:up\n") {
		t.Errorf("file %q %v", b, err)
	}
	if code, _, stderr = runCLI(t, "migrate", "new", "more", "--dir", dir, "--tool", "goose"); code != 2 || !strings.Contains(stderr, "not goose") {
		t.Errorf("--tool against the folder: exit %d %s", code, stderr)
	}
}
