package db

import (
	"context"
	"slices"
	"testing"
)

func TestCompletions(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	err := d.Write(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, `create schema compl;
			create table compl."Odd Name" (id int, "Mixed Col" text, gone int);
			alter table compl."Odd Name" drop column gone;
			create view public.compl_v as select 1 as one, 2 as two;
			create function compl.fn_answer() returns int language sql as 'select 42'`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := d.Completions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(c.Keywords, "select") || !slices.Contains(c.Keywords, "from") {
		t.Errorf("keywords lack select/from: %d keywords", len(c.Keywords))
	}
	if !slices.Contains(c.Schemas, "compl") || !slices.Contains(c.Schemas, "pg_catalog") {
		t.Errorf("schemas: %v", c.Schemas)
	}
	var odd, view, pgClass *CompletionRelation
	for i := range c.Relations {
		r := &c.Relations[i]
		switch {
		case r.Schema == "compl" && r.Name == "Odd Name":
			odd = r
		case r.Schema == "public" && r.Name == "compl_v":
			view = r
		case r.Schema == "pg_catalog" && r.Name == "pg_class":
			pgClass = r
		}
	}
	if odd == nil || !slices.Equal(odd.Columns, []string{"id", "Mixed Col"}) || odd.Visible {
		t.Errorf("compl.\"Odd Name\": %+v (dropped column must be gone, not on search_path)", odd)
	}
	if view == nil || !slices.Equal(view.Columns, []string{"one", "two"}) || !view.Visible {
		t.Errorf("public.compl_v: %+v", view)
	}
	if pgClass == nil || !slices.Contains(pgClass.Columns, "relname") {
		t.Errorf("pg_class: %+v", pgClass)
	}
	fn := slices.IndexFunc(c.Functions, func(f CompletionName) bool { return f.Schema == "compl" && f.Name == "fn_answer" })
	now := slices.IndexFunc(c.Functions, func(f CompletionName) bool { return f.Schema == "pg_catalog" && f.Name == "now" && f.Visible })
	if fn < 0 || now < 0 {
		t.Errorf("functions lack compl.fn_answer (%d) or visible now() (%d)", fn, now)
	}
}
