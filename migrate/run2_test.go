package migrate

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/demo"
)

// TestTwoRunners: a runner that finds the lock taken is refused after its
// wait, naming the holder; two runners started at once apply each
// migration exactly once between them.
func TestTwoRunners(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	folder := folderOf(t, threeFiles)
	holder, other := migrator(t, dsn), migrator(t, dsn)
	if err := holder.Lock(ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.LockWait = 100 * time.Millisecond
	_, err := Up(ctx, other, folder, o)
	var le *db.LockedError
	if !errors.As(err, &le) || le.PID == 0 || le.App != "pgdeck migrate" {
		t.Fatalf("err %v, want LockedError naming the holder", err)
	}
	if err := holder.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([][]Result, 2)
	errs := make([]error, 2)
	for i, m := range []*db.Migrator{holder, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Up(ctx, m, folder, opts())
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors %v", errs)
	}
	if n := len(results[0]) + len(results[1]); n != 3 || (len(results[0]) != 0 && len(results[1]) != 0) {
		t.Errorf("results %+v: want all three by one runner, none by the other", results)
	}
	if got := one[int](t, dsn, "SELECT count(*) FROM pgdeck_migrations"); got != 3 {
		t.Errorf("%d history rows, want 3", got)
	}
}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	if _, err := db.OpenMigrator(ctx, db.Config{DSN: dsn, ReadWrite: true, PgBouncer: true}, HeadTable, HistoryTable); !errors.Is(err, db.ErrMigratePgBouncer) {
		t.Errorf("PgBouncer: %v", err)
	}
	if _, err := db.OpenMigrator(ctx, db.Config{DSN: dsn}, HeadTable, HistoryTable); !errors.Is(err, db.ErrReadOnly) {
		t.Errorf("read-only: %v", err)
	}
	exec(t, dsn, "CREATE TABLE big (id int)")
	folder := folderOf(t, map[string]string{"1_ix.up.sql": "CREATE INDEX big_id ON big (id);\n"})
	m := migrator(t, dsn)
	_, err := Up(ctx, m, folder, opts())
	var be *BlockedError
	if !errors.As(err, &be) || be.Findings[0].Rule != "create-index-not-concurrently" {
		t.Fatalf("err %v, want blocked by create-index-not-concurrently", err)
	}
	o := opts()
	o.AllowDangerous = true
	if done, err := Up(ctx, m, folder, o); err != nil || len(done) != 1 {
		t.Fatalf("with AllowDangerous: %v %v", done, err)
	}
}

// TestDemoFolder: the demo database and its folder show 1-6 applied, 7-9
// pending, and 8 and 9 dangerous.
func TestDemoFolder(t *testing.T) {
	dsn := newDB(t)
	if err := demo.Load(context.Background(), dsn, nil); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := demo.WriteMigrations(dir); err != nil {
		t.Fatal(err)
	}
	folder, err := ReadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := Compare(folder, Pick(histories(t, dsn), folder))
	if st.History.Tool != GolangMigrate || st.Count(Applied) != int(demo.AppliedVersion) || st.Count(Pending) != len(demo.PendingVersions) {
		t.Fatalf("status %+v", st)
	}
	var pending []File
	for _, e := range st.Entries {
		if e.State == Pending {
			pending = append(pending, *e.File)
		}
	}
	d := openDB(t, dsn, false)
	var errs []migration.Finding
	err = d.Read(context.Background(), func(q db.Querier) error {
		var err error
		errs, err = Lint(pending, LiveFacts{Ctx: context.Background(), Q: q})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range errs {
		got[filepath.Base(f.File)] = f.Rule
	}
	for file, rule := range demo.DangerousMigrations {
		if got[file] != rule {
			t.Errorf("%s: lint error %q, want %q (all %v)", file, got[file], rule, got)
		}
	}
	if len(got) != len(demo.DangerousMigrations) {
		t.Errorf("dangerous files %v, want %v", got, demo.DangerousMigrations)
	}
}
