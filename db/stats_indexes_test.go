package db

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/catalog"
)

// TestIndexRowsShapes checks the key naming that replaced per-column
// pg_get_indexdef: repeated columns, expressions between columns,
// INCLUDE columns, names needing quotes, a partial index, an exclusion
// constraint, and that the full definition is read only for invalid
// indexes (and on request through IndexDefinition).
func TestIndexRowsShapes(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_index_shapes", `
create extension btree_gist;
create table "Odd Table" (id int primary key, "Mixed Col" int, b text, c int, r int4range);
create index rep on "Odd Table" (b, "Mixed Col", b);
create index expr_mid on "Odd Table" (c, lower(b), "Mixed Col" desc) include (id);
create index part on "Odd Table" (c) where c > 10;
alter table "Odd Table" add constraint no_overlap exclude using gist (c with =, r with &&);
create table dup (v int);
insert into dup values (1), (1);
create table ev (id int, at date, odd_id int references "Odd Table", v int) partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create index ev_v on ev (v);
create index ev_v_id on ev (v, id);
`, Config{})
	if _, err := admin.Exec(ctx, "create unique index concurrently dup_v on dup (v)"); err == nil {
		t.Fatal("unique index over duplicates should fail")
	}
	h, err := d.IndexHealth(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]IndexRow{}
	for _, ix := range h.Indexes {
		by[ix.Name] = ix
	}
	want := map[string][2][]string{
		"rep":            {{"b", `"Mixed Col"`, "b"}, nil},
		"expr_mid":       {{"c", "lower(b)", `"Mixed Col"`}, {"id"}},
		"part":           {{"c"}, nil},
		"no_overlap":     {{"c", "r"}, nil},
		"Odd Table_pkey": {{"id"}, nil},
	}
	for name, w := range want {
		ix, ok := by[name]
		if !ok {
			t.Errorf("index %s missing from %v", name, h.Indexes)
			continue
		}
		if !slices.Equal(ix.Keys, w[0]) || !slices.Equal(ix.Include, w[1]) || len(ix.KeyClasses) != len(w[0]) {
			t.Errorf("%s: keys %q include %q classes %q", name, ix.Keys, ix.Include, ix.KeyClasses)
		}
		if ix.Definition != "" {
			t.Errorf("%s: a valid index's definition should be left for IndexDefinition, got %q", name, ix.Definition)
		}
	}
	if e := by["expr_mid"]; !e.Expression || e.KeyClasses[2] == by["rep"].KeyClasses[1] {
		t.Errorf("expr_mid: DESC key should differ in its class triple: %+v", e)
	}
	if p := by["part"]; p.Predicate != "c > 10" {
		t.Errorf("partial predicate: %q", p.Predicate)
	}
	if x := by["no_overlap"]; x.Constraint != "no_overlap" || x.Unique || x.Method != "gist" {
		t.Errorf("exclusion constraint index: %+v", x)
	}
	if pk := by["Odd Table_pkey"]; pk.Constraint != "Odd Table_pkey" || !pk.Primary {
		t.Errorf("primary key: %+v", pk)
	}
	if r := by["rep"]; r.Constraint != "" {
		t.Errorf("plain index with a constraint: %+v", r)
	}
	if inv := by["dup_v"]; inv.Valid || !strings.HasPrefix(inv.Definition, "CREATE UNIQUE INDEX dup_v ON public.dup") {
		t.Errorf("invalid index keeps its definition for the fix: %+v", inv)
	}
	if ev := by["ev_v"]; !ev.TablePartitioned || by["ev_2025_v_idx"].TablePartitioned || !by["ev_2025_v_idx"].Attached {
		t.Errorf("partitioned parent and attached partition index: %+v / %+v", ev, by["ev_2025_v_idx"])
	}
	fixes := map[string]string{}
	for _, f := range h.Findings(advise.DefaultThresholds()) {
		fixes[f.Rule+" "+f.Object] = f.Fix
	}
	for obj, fix := range map[string]string{
		"duplicate-index public.ev_v":     "DROP INDEX public.ev_v;",
		"fk-missing-index public.ev":      `CREATE INDEX ON public.ev (odd_id);`,
		"fk-missing-index public.ev_2025": `CREATE INDEX CONCURRENTLY ON public.ev_2025 (odd_id);`,
		"invalid-index public.dup_v":      "REINDEX INDEX CONCURRENTLY public.dup_v;",
	} {
		if fixes[obj] != fix {
			t.Errorf("%s: fix %q, want %q (all: %v)", obj, fixes[obj], fix, fixes)
		}
	}
	if _, ok := fixes["duplicate-index public.ev_2025_v_idx"]; ok {
		t.Error("a partition's attached index is fixed on the parent, never reported itself")
	}
	small, err := d.IndexHealth(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(small.Tables) != 1 || len(small.IndexBloat) != 1 || len(small.Indexes) != len(h.Indexes) ||
		!slices.ContainsFunc(small.Notes, func(n string) bool { return strings.Contains(n, "cover the 1 largest tables") }) {
		t.Errorf("limit 1: %d tables, %d bloat rows, %d of %d indexes, notes %q", len(small.Tables), len(small.IndexBloat), len(small.Indexes), len(h.Indexes), small.Notes)
	}
	if slices.ContainsFunc(h.Notes, func(n string) bool { return strings.Contains(n, "largest tables") }) {
		t.Errorf("no limit note when nothing was cut: %q", h.Notes)
	}
	def, err := d.IndexDefinition(ctx, catalog.Key{Schema: "public", Name: "expr_mid"})
	if err != nil || !strings.Contains(def, `lower(b)`) || !strings.Contains(def, `INCLUDE (id)`) {
		t.Errorf("IndexDefinition: %q %v", def, err)
	}
	for _, bad := range []catalog.Key{{Schema: "public", Name: "Odd Table"}, {Schema: "public", Name: "no\x00such"}, {Schema: `x"; drop table dup; --`, Name: "y"}} {
		if def, err := d.IndexDefinition(ctx, bad); err == nil {
			t.Errorf("IndexDefinition(%q) = %q, want an error", bad, def)
		}
	}
}

func TestIndexColumnsByAttnum(t *testing.T) {
	got, err := indexColumns([]int16{3, 0, 1, 3}, []string{"a", "c"}, []string{"lower(b)"})
	if err != nil || !slices.Equal(got, []string{"c", "lower(b)", "a", "c"}) {
		t.Errorf("got %q %v", got, err)
	}
	if _, err := indexColumns([]int16{1, 2}, []string{"a"}, nil); err == nil {
		t.Error("missing name: want an error")
	}
	if _, err := indexColumns([]int16{0}, nil, nil); err == nil {
		t.Error("missing expression: want an error")
	}
}
