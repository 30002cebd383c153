package db

import (
	"context"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

func TestSampleRows(t *testing.T) {
	d := catalogDB(t, "catalog_sample", `
create table "Odd ""T""" (id int, v text, b bytea);
insert into "Odd ""T""" select g, case when g = 2 then null else 'v' || g || E'\n\x1b' end, '\x00ff' from generate_series(1, 150) g;`)
	s, err := d.SampleRows(context.Background(), catalog.Key{Schema: "public", Name: `Odd "T"`}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 100 || strings.Join(s.Columns, ",") != "id,v,b" {
		t.Fatalf("shape: %d rows, columns %v", len(s.Rows), s.Columns)
	}
	if *s.Rows[0][0] != "1" || *s.Rows[0][1] != "v1\n\x1b" || s.Rows[1][1] != nil || *s.Rows[0][2] != `\x00ff` {
		t.Errorf("values: %q %q %v %q", *s.Rows[0][0], *s.Rows[0][1], s.Rows[1][1], *s.Rows[0][2])
	}
	if _, err := d.SampleRows(context.Background(), catalog.Key{Schema: "public", Name: "missing"}, 1); err == nil ||
		!strings.Contains(err.Error(), "public.missing") {
		t.Errorf("missing table error: %v", err)
	}
}
