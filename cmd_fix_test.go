package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/demo"
	"github.com/pgdeck/pgdeck/finding"
)

// fixTemplate is a database holding the demo (data, workload statistics
// and hypopg), copied for each fix test: loading it takes half a minute,
// copying it a second.
const fixTemplate = "fix_demo_tpl"

var (
	fixTemplateOnce sync.Once
	fixTemplateErr  error
)

// fixDB copies the demo into a new database; without hypo the copy has
// no hypopg extension (the server has its files: the advice says to
// CREATE EXTENSION).
func fixDB(t *testing.T, name string, hypo bool) string {
	t.Helper()
	ctx := context.Background()
	fixTemplateOnce.Do(func() {
		dsn := newTestDB(t, fixTemplate, "")
		if fixTemplateErr = demo.Load(ctx, dsn, nil); fixTemplateErr != nil {
			return
		}
		if fixTemplateErr = demo.Workload(ctx, dsn); fixTemplateErr != nil {
			return
		}
		fixTemplateErr = execSQL(dsn, "create extension hypopg")
	})
	if fixTemplateErr != nil {
		t.Fatalf("load the demo: %v", fixTemplateErr)
	}
	if err := execSQL(srv.ConnString("postgres"), "create database "+pgx.Identifier{name}.Sanitize()+" template "+fixTemplate); err != nil {
		t.Fatal(err)
	}
	dsn := srv.ConnString(name)
	if !hypo {
		if err := execSQL(dsn, "drop extension hypopg"); err != nil {
			t.Fatal(err)
		}
	}
	return dsn
}

func execSQL(dsn, sql string) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

func queryRow(t *testing.T, dsn, sql string, dest ...any) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if err := c.QueryRow(ctx, sql).Scan(dest...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// appliedFolder writes the demo's migrations folder with only the
// migrations the demo applied, so the fix is the only pending one.
func appliedFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := demo.WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"007", "008", "009"} {
		ms, _ := filepath.Glob(filepath.Join(dir, v+"_*"))
		for _, m := range ms {
			if err := os.Remove(m); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// fixJSON is the part of `pgdeck fix --format json` the tests read.
type fixJSON struct {
	Plan *struct {
		Mode string `json:"mode"`
		Why  string `json:"why"`
	} `json:"plan"`
	Findings []struct {
		Rule string `json:"rule"`
		Fix  string `json:"fix"`
	} `json:"findings"`
	Hypothetical *struct {
		Index      *string  `json:"index"`
		CostBefore *float64 `json:"cost_before"`
		CostAfter  *float64 `json:"cost_after"`
		Skipped    *string  `json:"skipped"`
		Candidates []struct {
			Used bool `json:"used"`
		} `json:"candidates"`
	} `json:"hypothetical"`
	Migration *struct {
		Path    string `json:"path"`
		Format  string `json:"format"`
		Written bool   `json:"written"`
	} `json:"migration"`
	Apply *struct {
		Failed     string   `json:"failed"`
		Cleanup    []string `json:"cleanup"`
		LeftBehind []string `json:"left_behind"`
		Earlier    []string `json:"earlier"`
	} `json:"apply"`
	Before *fixSide `json:"before"`
	After  *fixSide `json:"after"`
	Log    []struct {
		Step, Status, Message string
	} `json:"log"`
}

type fixSide struct {
	ExecutionTimeMS *float64 `json:"execution_time_ms"`
	TotalCost       *float64 `json:"total_cost"`
	Node            *string  `json:"node"`
}

func runFixJSON(t *testing.T, args ...string) (int, fixJSON, string) {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"fix", "--format", "json"}, args...)...)
	var r fixJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("exit %d, JSON: %v\nstdout:\n%s\nstderr:\n%s", code, err, out, stderr)
	}
	return code, r, stderr
}

func slowQueryArgs() []string {
	return []string{"--query", demo.SlowQuery, "--param", demo.SlowQueryArgs[0].(string), "--param", demo.SlowQueryArgs[1].(string)}
}

// lintFile lints a written migration as its tool will run it.
func lintFile(t *testing.T, path string) []migration.Finding {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src, ok := migration.ReadSource(path, string(b))
	if !ok {
		t.Fatalf("%s is not a migration", path)
	}
	fs, err := migration.LintSource(src, migration.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Severity == finding.Error {
			t.Errorf("lint error in %s: %s", path, f)
		}
	}
	return fs
}
