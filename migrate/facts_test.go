package migrate

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pgdeck/pgdeck/advise/migration"
)

// liveFiles touch public.tasks (scan, rewrite, no whole-table work), a
// table created in the same file, and one the database does not have.
var liveFiles = map[string]string{
	"000001_not_null.up.sql": "SET lock_timeout = '5s';\nALTER TABLE tasks ALTER COLUMN title SET NOT NULL;\n",
	"000002_type.up.sql":     "SET lock_timeout = '5s';\nALTER TABLE tasks ALTER COLUMN id TYPE bigint;\n",
	"000003_drop.up.sql":     "SET lock_timeout = '5s';\nALTER TABLE tasks DROP COLUMN done;\n",
	"000004_later.up.sql":    "SET lock_timeout = '5s';\nCREATE INDEX later_x ON later (x);\n",
}

// TestLiveFacts lints pending files against a table of known size: each
// finding on it carries the catalog's size and rows, the scan and the
// rewrite carry lock estimates from the documented throughputs, and a
// small window makes them recommend a maintenance window; the default
// window does not. Offline the figures are null.
func TestLiveFacts(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	exec(t, dsn, `CREATE TABLE tasks (id int, title text, done bool);
INSERT INTO tasks SELECT g, repeat('t', 80), false FROM generate_series(1, 30000) g`)
	exec(t, dsn, "VACUUM ANALYZE tasks")
	wantBytes := one[int64](t, dsn, "SELECT pg_relation_size('tasks') + pg_relation_size(reltoastrelid) FROM pg_class WHERE oid = 'tasks'::regclass")
	folder := folderOf(t, liveFiles)
	d := openDB(t, dsn, false)

	v, err := LoadViewOptions(ctx, d, folder, migration.Options{Window: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	mb := float64(wantBytes) / (1 << 20)
	checks := []struct {
		version, rule string
		est           float64 // 0: no estimate
	}{
		{"1", "set-not-null", mb / migration.ScanMBps},
		{"2", "change-column-type", mb / migration.RewriteMBps},
		{"3", "drop-column", 0},
	}
	for _, c := range checks {
		f := findingOf(t, v, c.version, c.rule)
		if f.TableBytes == nil || *f.TableBytes != wantBytes || f.TableRows == nil || *f.TableRows != 30000 {
			t.Errorf("%s: table figures %v %v, want %d bytes, 30000 rows", c.rule, f.TableBytes, f.TableRows, wantBytes)
		}
		switch {
		case c.est == 0 && (f.EstimatedLockSeconds != nil || strings.Contains(f.Message, "maintenance window")):
			t.Errorf("%s: estimate where no table work: %+v", c.rule, f)
		case c.est != 0 && (f.EstimatedLockSeconds == nil || math.Abs(*f.EstimatedLockSeconds-c.est) > 1e-9):
			t.Errorf("%s: estimate %v, want %g", c.rule, f.EstimatedLockSeconds, c.est)
		case c.est != 0 && !strings.Contains(f.Message, "on public.tasks (") || c.est != 0 && !strings.Contains(f.Message, "holds ACCESS EXCLUSIVE for ~") ||
			c.est != 0 && !strings.Contains(f.Message, "maintenance window"):
			t.Errorf("%s: message %q", c.rule, f.Message)
		}
	}
	later := findingOf(t, v, "4", "create-index-not-concurrently")
	if later.TableBytes != nil || later.EstimatedLockSeconds != nil {
		t.Errorf("a table the database lacks has figures: %+v", later)
	}
	if text := v.Text(); !strings.Contains(text, "line 2: on public.tasks (") {
		t.Errorf("status text lacks the estimate:\n%s", text)
	}

	v, err = LoadView(ctx, d, folder)
	if err != nil {
		t.Fatal(err)
	}
	if f := findingOf(t, v, "2", "change-column-type"); f.EstimatedLockSeconds == nil || strings.Contains(f.Message, "maintenance window") {
		t.Errorf("default window: %q", f.Message)
	}

	src, _ := Source(folder.Files[1])
	fs, err := migration.LintSource(src, migration.Options{})
	if err != nil || len(fs) == 0 {
		t.Fatalf("offline lint: %v %v", fs, err)
	}
	b, err := json.Marshal(fs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"table_bytes":null`, `"table_rows":null`, `"estimated_lock_seconds":null`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("offline JSON lacks %s: %s", k, b)
		}
	}
}

func findingOf(t *testing.T, v View, version, rule string) migration.Finding {
	t.Helper()
	for _, f := range v.Findings[version] {
		if f.Rule == rule {
			return f
		}
	}
	t.Fatalf("no %s finding in %s: %+v", rule, version, v.Findings[version])
	return migration.Finding{}
}
