package migrate

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHistories loads history tables made by the tools themselves (or, for
// those that do not install here, by hand with checksums computed in
// Python; see testdata/history/gen) and compares them with their folders.
func TestHistories(t *testing.T) {
	cases := []struct {
		dump, folder string
		tool         Tool
		want         map[string]State
	}{
		{"golang-migrate", "golang-migrate", GolangMigrate, map[string]State{"1": Applied, "2": Applied, "3": Pending}},
		{"golang-migrate-dirty", "golang-migrate-dirty", GolangMigrate, map[string]State{"1": Applied, "2": Applied, "3": Dirty}},
		{"goose", "goose", Goose, map[string]State{"1": Applied, "2": Applied, "3": Pending}},
		{"handmade-goose-rollback", "goose", Goose, map[string]State{"1": Applied, "2": Applied, "3": Pending}},
		{"knex", "", Knex, map[string]State{"20240101000000_create_accounts.js": Applied, "20240102000000_create_invoices.js": Applied}},
		{"drizzle", "drizzle", Drizzle, map[string]State{"0000_create_accounts": Applied, "0001_create_invoices": Applied, "0002_add_invoice_total": Pending}},
		{"alembic", "", Alembic, map[string]State{"2b3c4d5e6f70": Applied}},
		{"django", "", Django, map[string]State{"contenttypes.0001_initial": Applied, "auth.0001_initial": Applied}},
		{"handmade-flyway", "flyway", Flyway, map[string]State{"1": Applied, "2": Changed, "3": Pending}},
		{"handmade-prisma", "prisma", Prisma, map[string]State{"20240101000000_init": Applied, "20240102000000_invoices": Changed, "20240103000000_total": Failed}},
		{"handmade-sqlx", "sqlx", Sqlx, map[string]State{"20240101000000": Applied, "20240102000000": Changed, "20240103000000": Pending}},
		{"handmade-dbmate", "dbmate", Dbmate, map[string]State{"20240101000000": Applied, "20240102000000": Applied, "20240103000000": Pending}},
		{"handmade-rails", "dbmate", Rails, map[string]State{"20240101000000": Applied, "20240102000000": Applied, "20240103000000": Pending}},
		{"handmade-atlas", "", Atlas, map[string]State{"20240101000000": Applied, "20240102000000": Dirty}},
		{"handmade-atlas-hash", "atlas", Atlas, map[string]State{"20240101000000": Applied, "20240102000000": Applied, "20240103000000": Changed}},
	}
	for _, c := range cases {
		t.Run(c.dump, func(t *testing.T) {
			dump, err := os.ReadFile(filepath.Join("testdata/history", c.dump+".sql"))
			if err != nil {
				t.Fatal(err)
			}
			dsn := newDB(t)
			exec(t, dsn, "CREATE SCHEMA drizzle;\n"+string(dump))
			hs := histories(t, dsn)
			if len(hs) != 1 || hs[0].Tool != c.tool {
				t.Fatalf("histories %+v, want one of %s", hs, c.tool)
			}
			var folder Folder
			if c.folder != "" {
				if folder, err = ReadFolder(filepath.Join("testdata/history", c.folder)); err != nil {
					t.Fatal(err)
				}
			}
			st := Compare(folder, Pick(hs, folder))
			got := map[string]State{}
			for _, e := range st.Entries {
				got[e.Version] = e.State
			}
			for v, want := range c.want {
				if got[v] != want {
					t.Errorf("version %s: %q, want %q (all: %v)", v, got[v], want, got)
				}
			}
			if c.folder != "" && len(got) != len(c.want) {
				t.Errorf("entries %v, want %v", got, c.want)
			}
		})
	}
}

// TestHistoryFacts checks the normalised facts of the richer tools.
func TestHistoryFacts(t *testing.T) {
	dump, err := os.ReadFile("testdata/history/handmade-sqlx.sql")
	if err != nil {
		t.Fatal(err)
	}
	dsn := newDB(t)
	exec(t, dsn, string(dump))
	hs := histories(t, dsn)
	r := hs[0].Records[0]
	if r.Name != "create accounts" || r.DurationMS == nil || *r.DurationMS != 1.5 || r.AppliedAt == nil || r.AppliedAt.Year() != 2024 {
		t.Errorf("sqlx record %+v: want name, 1.5 ms from nanoseconds, 2024 timestamp", r)
	}
	if r.Checksum == nil || len(*r.Checksum) != 96 {
		t.Errorf("sqlx checksum %v: want 96 hex digits of SHA-384", r.Checksum)
	}
}

// TestDetectIgnoresLookalikes: a table named like a history table but of
// another shape is not taken for one.
func TestDetectIgnoresLookalikes(t *testing.T) {
	dsn := newDB(t)
	exec(t, dsn, `CREATE TABLE schema_migrations (id int, note text, dirty int);
CREATE TABLE goose_db_version (x int);
CREATE SCHEMA "we""ird"; CREATE TABLE "we""ird".schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO "we""ird".schema_migrations VALUES (4, false);`)
	hs := histories(t, dsn)
	if len(hs) != 1 || hs[0].Tool != GolangMigrate || hs[0].Schema != `we"ird` || hs[0].Head == nil || hs[0].Head.Version != "4" {
		t.Fatalf("histories %+v: want only golang-migrate's in schema we\"ird at version 4", hs)
	}
}
