package advise

import (
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

// TestSharedIndexRuleEdges covers what the schema advisor's own copy of
// these rules handled and the shared one must too, so it can switch.
func TestSharedIndexRuleEdges(t *testing.T) {
	excl := ix("t_excl", "a")
	excl.Method, excl.Constraint = "gist", "t_excl"
	gist := ix("t_gist", "a")
	gist.Method = "gist"
	if got := RedundantIndexes([]catalog.Index{excl, gist}); len(got) != 1 || got[0].Index.Name != "t_gist" || got[0].CoveredBy.Name != "t_excl" {
		t.Errorf("an exclusion constraint's index is never the redundant one, and is the preferred coverer: %+v", got)
	}
	inc := ix("t_a_inc", "a")
	inc.Include = []string{"z"}
	// t_a has the same keys as t_a_inc but no INCLUDE: t_a_inc covers t_a
	// and not the other way round, so t_a is reported whatever the names.
	if got := RedundantIndexes([]catalog.Index{ix("t_a", "a"), inc}); len(got) != 1 || got[0].Index.Name != "t_a" {
		t.Errorf("same keys, INCLUDE only in the later-named index: %+v", got)
	}
	inc2 := inc
	inc2.Name = "t_a_inc2"
	if got := RedundantIndexes([]catalog.Index{inc, inc2}); len(got) != 1 || got[0].Index.Name != "t_a_inc2" {
		t.Errorf("true twins with INCLUDE: report the later name once: %+v", got)
	}

	part := IndexTable{Key: catalog.Key{Schema: "public", Name: "events"}, Partitioned: true}
	r := RedundantIndexes([]catalog.Index{ix("e_a", "a"), ix("e_a_b", "a", "b")})[0]
	if f := DuplicateIndexFindingOn(part, r); f.Fix != "DROP INDEX public.e_a;" {
		t.Errorf("partitioned duplicate fix: %q", f.Fix)
	}
	bad := ix("e_x", "x")
	bad.Valid = false
	if f := InvalidIndexFindingOn(part, bad); f.Fix != "DROP INDEX public.e_x;" || len(f.Steps) != 0 {
		t.Errorf("invalid index of a partitioned table: %+v", f)
	}
	bad.Definition = "CREATE INDEX e_x ON ONLY public.events USING btree (x)"
	if f := InvalidIndexFindingOn(part, bad); len(f.Steps) != 2 || f.Steps[1] != bad.Definition+";" {
		t.Errorf("invalid partitioned index with its definition: %+v", f)
	}
	fk := catalog.Constraint{Name: "e_user_fk", Columns: []string{"user"}}
	if f, missing := FKMissingIndexOn(part, fk, nil); !missing || f.Fix != `CREATE INDEX ON public.events ("user");` || !strings.Contains(f.Message, "its referenced table") {
		t.Errorf("partitioned fk fix: %+v", f)
	}
}

func TestKeyIsColumn(t *testing.T) {
	for _, c := range []struct {
		key, col string
		want     bool
	}{
		{"org", "org", true},
		{`"userId"`, "userId", true},
		{`"user"`, "user", true},
		{`"a""b"`, `a"b`, true},
		{`"name"`, "name", true}, // quoted where quote_ident would not
		{"lower(email)", "lower(email)", false},
		{"lower(email)", "email", false},
		{`"userId"`, "userid", false},
	} {
		if got := keyIsColumn(c.key, c.col); got != c.want {
			t.Errorf("keyIsColumn(%q, %q) = %v", c.key, c.col, got)
		}
	}
}
