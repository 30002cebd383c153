package schema_test

import (
	"fmt"
	"testing"

	"github.com/pgdeck/pgdeck/advise/schema"
	"github.com/pgdeck/pgdeck/catalog"
)

// bigCatalog is 10,000 tables × 10 columns with a primary key and an
// index each, as the db benchmarks build on the server.
func bigCatalog() *catalog.Catalog {
	c := &catalog.Catalog{}
	for i := range 10000 {
		r := catalog.Relation{Schema: "bench", Name: fmt.Sprintf("t%d", i), Kind: catalog.Table, Readable: true}
		for j := range 10 {
			r.Columns = append(r.Columns, catalog.Column{Name: fmt.Sprintf("c%d", j), Type: "text", BaseType: "text", TypeSchema: "pg_catalog", Length: -1, Local: true})
		}
		r.Constraints = []catalog.Constraint{{Name: r.Name + "_pkey", Type: catalog.PrimaryKey, Columns: []string{"c0"}, Local: true, Validated: true, Index: r.Name + "_pkey"}}
		r.Indexes = []catalog.Index{
			{Name: r.Name + "_pkey", Method: "btree", Unique: true, Primary: true, Keys: []string{"c0"}, KeyClasses: []string{"1/0/0"}, Valid: true, Constraint: r.Name + "_pkey"},
			{Name: r.Name + "_c2_idx", Method: "btree", Keys: []string{"c2"}, KeyClasses: []string{"1/0/0"}, Valid: true},
		}
		c.Relations = append(c.Relations, r)
	}
	return c
}

// BenchmarkCheck10k runs every rule over 10,000 tables.
func BenchmarkCheck10k(b *testing.B) {
	c := bigCatalog()
	for b.Loop() {
		if items := schema.Check(c, schema.Options{}); len(items) != 10000 {
			b.Fatalf("%d findings, want one missing-timestamps per table", len(items))
		}
	}
}
