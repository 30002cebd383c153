package db

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

// TestCatalogStructureWithoutDefinitions checks what the fast load gives
// instead of deparsed text: key columns named from attnums (quoted where
// SQL needs it), expression keys, INCLUDE columns, operator classes and
// DESC options, foreign key columns on both sides; then Definitions
// fills the texts of one table in one query.
func TestCatalogStructureWithoutDefinitions(t *testing.T) {
	d := catalogDB(t, "catalog_structure", `
create schema s;
create table s.p ("Key" int, b int, primary key ("Key", b));
create table s.c (id int primary key, "Key" int, b int, note text,
  foreign key ("Key", b) references s.p on delete set null);
alter table s.c drop column note;
alter table s.c add column late text;
create index c_expr on s.c (lower(late), b desc) include (id);
create index c_ops on s.c (late text_pattern_ops);
`)
	ctx := context.Background()
	c, err := d.Catalog(ctx, CatalogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Index()
	child := l.Relation(catalog.Key{Schema: "s", Name: "c"})
	if child == nil {
		t.Fatal("s.c missing")
	}
	var names []string
	for _, col := range child.Columns {
		names = append(names, col.Name)
	}
	if !slices.Equal(names, []string{"id", "Key", "b", "late"}) {
		t.Errorf("columns after a dropped one: %v", names)
	}
	idx := map[string]catalog.Index{}
	for _, ix := range child.Indexes {
		idx[ix.Name] = ix
		if ix.Definition != "" {
			t.Errorf("index %s deparsed by the fast load: %q", ix.Name, ix.Definition)
		}
	}
	if ex := idx["c_expr"]; !ex.Expression || !slices.Equal(ex.Keys, []string{"lower(late)", "b"}) ||
		!slices.Equal(ex.Include, []string{"id"}) || len(ex.KeyClasses) != 2 || !strings.HasSuffix(ex.KeyClasses[1], "/3") {
		t.Errorf("expression index: %+v", ex)
	}
	if ops, plain := idx["c_ops"], idx["c_pkey"]; len(ops.KeyClasses) != 1 || len(plain.KeyClasses) != 1 ||
		ops.KeyClasses[0] == plain.KeyClasses[0] || !plain.Primary || !slices.Equal(plain.Keys, []string{"id"}) {
		t.Errorf("operator classes: %+v / %+v", ops, plain)
	}
	var fk *catalog.Constraint
	for i := range child.Constraints {
		if child.Constraints[i].Type == catalog.ForeignKey {
			fk = &child.Constraints[i]
		}
	}
	if fk == nil || !slices.Equal(fk.Columns, []string{"Key", "b"}) || !slices.Equal(fk.RefColumns, []string{"Key", "b"}) ||
		fk.OnDelete != "SET NULL" || fk.Definition != "" || !strings.HasPrefix(fk.Summary(), `FOREIGN KEY ("Key", b) REFERENCES s.p(`) {
		t.Fatalf("foreign key: %+v", fk)
	}
	if !child.NeedsDefinitions() {
		t.Error("fast load should need definitions")
	}
	defs, err := d.Definitions(ctx, []uint32{child.OID})
	if err != nil {
		t.Fatal(err)
	}
	full := child.WithDefinitions(defs[child.OID])
	if full.NeedsDefinitions() || child.Indexes[0].Definition != "" {
		t.Errorf("WithDefinitions must fill a copy: %+v", full.Indexes)
	}
	for _, ix := range full.Indexes {
		if !strings.HasPrefix(ix.Definition, "CREATE ") || !strings.Contains(ix.Definition, ix.Name) {
			t.Errorf("index definition %s: %q", ix.Name, ix.Definition)
		}
	}
	for _, con := range full.Constraints {
		if con.Type == catalog.ForeignKey && con.Definition != `FOREIGN KEY ("Key", b) REFERENCES s.p("Key", b) ON DELETE SET NULL` {
			t.Errorf("fk definition: %q", con.Definition)
		}
	}
	if len(defs) != 1 {
		t.Errorf("definitions of one table: %d entries", len(defs))
	}
}

// TestCatalogParallelMatchesSequential: Catalog (columns on a second
// connection) and LoadCatalog (all on one) give the same catalog.
func TestCatalogParallelMatchesSequential(t *testing.T) {
	d := catalogDB(t, "catalog_parallel", catalogFixture)
	ctx := context.Background()
	par, err := d.Catalog(ctx, CatalogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var seq *catalog.Catalog
	if err := d.Read(ctx, func(q Querier) error {
		seq, err = LoadCatalog(ctx, q, d.Info.VersionNum, CatalogOptions{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	seq.Database = par.Database
	if len(par.Relations) < 5 || !reflect.DeepEqual(par, seq) {
		t.Errorf("parallel and sequential loads differ:\n%+v\n%+v", par.Relations, seq.Relations)
	}
}
