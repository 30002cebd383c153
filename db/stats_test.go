package db

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
)

// diagDB creates database name, runs setup in it as the superuser, and
// returns the database opened with cfg plus a superuser connection to it.
func diagDB(t *testing.T, name, setup string, cfg Config) (*DB, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	// One statement at a time: VACUUM cannot run in the implicit
	// transaction of a multi-statement string.
	for _, stmt := range strings.Split(setup, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("setup %s: %s: %v", name, stmt, err)
		}
	}
	if cfg.DSN == "" {
		cfg.DSN = srv.ConnString(name)
	}
	d, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d, conn
}

// flushStats makes a session's counters visible to other backends now.
func flushStats(t *testing.T, c *pgx.Conn) {
	t.Helper()
	if _, err := c.Exec(context.Background(), "select pg_stat_force_next_flush()"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(context.Background(), "select 1"); err != nil {
		t.Fatal(err)
	}
}

const plantedIndexes = `
create extension pg_stat_statements;
create extension pgstattuple;
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent (id), a int, b int);
create index child_a on child (a);
create index child_a_b on child (a, b);
create index child_b on child (b);
insert into parent select g from generate_series(1, 100) g;
insert into child select g, g % 100 + 1, g % 37, g % 11 from generate_series(1, 20000) g;
create table bl (id int primary key, pad text);
insert into bl select g, repeat('x', 100) from generate_series(1, 100000) g;
delete from bl where id % 10 <> 0;
vacuum bl;
create table events (x int);
insert into events select g from generate_series(1, 3000) g;
create table dup (v int);
insert into dup values (1), (1);
analyze;
`

func TestIndexHealth(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_indexes", plantedIndexes, Config{})
	// A failed concurrent build leaves an invalid index behind.
	if _, err := admin.Exec(ctx, "create unique index concurrently dup_v on dup (v)"); err == nil {
		t.Fatal("unique index over duplicates should fail")
	}
	for range 60 {
		if _, err := admin.Exec(ctx, "select count(*) from events where x = 7"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := admin.Exec(ctx, "select * from child where a = 3 and b = 2"); err != nil {
		t.Fatal(err)
	}
	flushStats(t, admin)

	h, err := d.IndexHealth(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]IndexRow{}
	for _, ix := range h.Indexes {
		byName[ix.Name] = ix
	}
	a, ok := byName["child_a"]
	if !ok || a.Table != (catalog.Key{Schema: "public", Name: "child"}) || a.Method != "btree" || strings.Join(a.Keys, ",") != "a" ||
		a.Bytes <= 0 || !a.Valid || a.Unique || len(a.KeyClasses) != 1 {
		t.Errorf("child_a: %+v", a)
	}
	if pk := byName["child_pkey"]; !pk.Primary || pk.Constraint != "child_pkey" {
		t.Errorf("child_pkey: %+v", pk)
	}
	if byName["dup_v"].Valid {
		t.Error("dup_v should be invalid")
	}
	if len(h.ForeignKeys) != 1 || h.ForeignKeys[0].Name != "child_parent_id_fkey" || strings.Join(h.ForeignKeys[0].Columns, ",") != "parent_id" {
		t.Errorf("foreign keys: %+v", h.ForeignKeys)
	}
	var ev *TableStat
	for i := range h.Tables {
		if h.Tables[i].Table.Name == "events" {
			ev = &h.Tables[i]
		}
	}
	if ev == nil || ev.SeqScans < 60 || ev.SeqRowsRead < 60*3000 || ev.LiveRows < 3000 {
		t.Fatalf("events stats: %#v", ev)
	}
	if h.Tables[0].Table.Name != "bl" || h.Tables[0].BloatBytes == nil {
		t.Errorf("largest table first with an estimate: %+v", h.Tables[0])
	}

	th := advise.DefaultThresholds()
	th.BloatMinBytes = 512 << 10
	got := map[string]bool{}
	for _, f := range h.Findings(th) {
		got[f.Rule+" "+f.Object] = true
	}
	for _, want := range []string{
		"duplicate-index public.child_a", "unused-index public.child_b", "invalid-index public.dup_v",
		"fk-missing-index public.child", "seq-scan-heavy-table public.events",
		"table-bloat public.bl", "index-bloat public.bl_pkey",
	} {
		if !got[want] {
			t.Errorf("missing finding %q in %v", want, got)
		}
	}
	for _, never := range []string{"unused-index public.child_pkey", "duplicate-index public.child_a_b", "index-bloat public.child_a_b", "table-bloat public.child"} {
		if got[never] {
			t.Errorf("unexpected finding %q", never)
		}
	}

	e, err := d.ExactIndexBloat(ctx, catalog.Key{Schema: "public", Name: "bl_pkey"})
	if err != nil || e.Bytes <= 0 || float64(e.WasteBytes)/float64(e.Bytes) < 0.5 {
		t.Errorf("exact index bloat: %+v %v", e, err)
	}
	e, err = d.ExactTableBloat(ctx, catalog.Key{Schema: "public", Name: "bl"})
	if err != nil || float64(e.WasteBytes)/float64(e.Bytes) < 0.5 {
		t.Errorf("exact table bloat: %+v %v", e, err)
	}
	if _, err := d.ExactTableBloat(ctx, catalog.Key{Schema: "public", Name: "no such\x00table"}); err == nil {
		t.Error("hostile name: want an error")
	}
}

func TestQueryStats(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_pgss", plantedIndexes, Config{})
	for i := range 5 {
		if _, err := admin.Exec(ctx, "select * from child where a = $1", i); err != nil {
			t.Fatal(err)
		}
	}
	stats, err := d.QueryStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cache := map[int64]string{}
	if err := d.FillTexts(ctx, stats, cache); err != nil {
		t.Fatal(err)
	}
	var hit *QueryStat
	for i, s := range stats {
		if strings.Contains(s.Query, "from child where a = $1") {
			hit = &stats[i]
		}
	}
	if hit == nil || hit.Calls != 5 || hit.TotalMs <= 0 || hit.MeanMs <= 0 || hit.QueryID == nil || hit.Rows == 0 || hit.PlanMs == nil {
		t.Fatalf("statement not found or wrong: %+v", hit)
	}
	if len(cache) == 0 || cache[int64(*hit.QueryID)] != hit.Query {
		t.Error("texts not cached")
	}
	if reset, err := d.QueryStatsReset(ctx); err != nil || reset == nil {
		t.Errorf("reset time: %v %v", reset, err)
	}
	st, err := d.PGSSStatus(ctx)
	if err != nil || st.Schema == nil || *st.Schema != "public" || st.Preloaded() == nil || !*st.Preloaded() || st.Advice("x") != "" {
		t.Errorf("status: %+v %v", st, err)
	}
	if err := d.ResetQueryStats(ctx); err == nil {
		t.Error("reset in read-only mode should be refused")
	}
}

func TestPGSSAdvice(t *testing.T) {
	ctx := context.Background()
	d, _ := diagDB(t, "diag_nopgss", "", Config{})
	if _, err := d.QueryStats(ctx); err == nil || !strings.Contains(err.Error(), ErrNoPGSS.Error()) {
		t.Errorf("want ErrNoPGSS, got %v", err)
	}
	st, err := d.PGSSStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a := st.Advice("diag_nopgss"); !strings.Contains(a, "CREATE EXTENSION pg_stat_statements") || strings.Contains(a, "shared_preload_libraries is currently") {
		t.Errorf("advice when only the extension is missing: %s", a)
	}
	pre := "auto_explain"
	notLoaded := PGSSStatus{Preload: &pre, Available: true}
	if a := notLoaded.Advice("app"); !strings.Contains(a, "currently 'auto_explain'") || !strings.Contains(a, "'auto_explain, pg_stat_statements'") {
		t.Errorf("advice when not preloaded: %s", a)
	}
}

// TestUnusedIndexSkipsPartitionedParents: a partitioned table's index
// counts no scans itself (its partitions' indexes do), so it must not be
// called unused even while queries use it.
func TestUnusedIndexSkipsPartitionedParents(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_parted", `
		create table m (id int, at date not null) partition by range (at);
		create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');
		create index m_id on m (id);
		insert into m select g, date '2026-01-01' + (g % 300) from generate_series(1, 5000) g;
		analyze m_2026;`, Config{})
	if _, err := admin.Exec(ctx, "set enable_seqscan = off; select * from m where id = 7"); err != nil {
		t.Fatal(err)
	}
	flushStats(t, admin)
	h, err := d.IndexHealth(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range h.Findings(advise.DefaultThresholds()) {
		if f.Rule == "unused-index" && strings.Contains(f.Object, "m_id") {
			t.Errorf("partitioned parent's index called unused: %+v", f)
		}
	}
}
