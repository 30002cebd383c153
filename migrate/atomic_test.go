package migrate

import (
	"context"
	"errors"
	"testing"
)

// TestNonAtomicRefused: a file that mixes CREATE INDEX CONCURRENTLY with
// other statements cannot run in one transaction; it ran statement by
// statement, failed at the index and left the table behind, dirty. Up now
// refuses it before anything runs, even with AllowDangerous, unless
// AllowNonAtomic says so.
func TestNonAtomicRefused(t *testing.T) {
	ctx := context.Background()
	dsn := newDB(t)
	folder := folderOf(t, map[string]string{
		"1_mixed.up.sql": "CREATE TABLE mixed (v int);\nINSERT INTO mixed VALUES (1), (1);\nCREATE UNIQUE INDEX CONCURRENTLY mixed_v ON mixed (v);\n",
	})
	m := migrator(t, dsn)
	o := opts()
	o.AllowDangerous = true
	_, err := Up(ctx, m, folder, o)
	var na *NonAtomicError
	if !errors.As(err, &na) || na.Version != "1" || na.Statements != 3 {
		t.Fatalf("err %v, want a NonAtomicError for 1 with 3 statements", err)
	}
	if got := one[bool](t, dsn, "SELECT to_regclass('mixed') IS NULL"); !got {
		t.Fatal("the refused file created its table")
	}
	o.AllowNonAtomic = true
	_, err = Up(ctx, m, folder, o)
	var de *DirtyError
	if !errors.As(err, &de) {
		t.Fatalf("with AllowNonAtomic: err %v, want it run and fail dirty", err)
	}
}
