package advise

import (
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

func ix(name string, keys ...string) catalog.Index {
	return catalog.Index{Name: name, Method: "btree", Keys: keys, Valid: true, KeyClasses: make([]string, len(keys))}
}

func TestRedundantIndexes(t *testing.T) {
	uniq := ix("t_a_key", "a")
	uniq.Unique = true
	pk := ix("t_pkey", "id")
	pk.Primary, pk.Unique = true, true
	partial := ix("t_a_partial", "a")
	partial.Predicate = "(b > 0)"
	hash := ix("t_a_hash", "a")
	hash.Method = "hash"
	desc := ix("t_c_desc", "c")
	desc.KeyClasses = []string{"1/0/3"}
	inc := ix("t_a_inc", "a")
	inc.Include = []string{"z"}
	invalid := ix("t_zz_invalid", "a", "b", "c")
	invalid.Valid = false
	cases := []struct {
		name string
		idx  []catalog.Index
		want []string // "redundant>coverer"
	}{
		{"prefix", []catalog.Index{ix("t_a", "a"), ix("t_a_b", "a", "b")}, []string{"t_a>t_a_b"}},
		{"not a prefix", []catalog.Index{ix("t_b", "b"), ix("t_a_b", "a", "b")}, nil},
		{"exact twins report one", []catalog.Index{ix("t_a1", "a"), ix("t_a2", "a")}, []string{"t_a2>t_a1"}},
		{"unique never redundant", []catalog.Index{uniq, ix("t_a_b", "a", "b")}, nil},
		{"covered by unique", []catalog.Index{ix("t_a", "a"), uniq}, []string{"t_a>t_a_key"}},
		{"primary never redundant", []catalog.Index{pk, ix("t_id_x", "id", "x")}, nil},
		{"predicate differs", []catalog.Index{partial, ix("t_a_b", "a", "b")}, nil},
		{"method differs", []catalog.Index{hash, ix("t_a_b", "a", "b")}, nil},
		{"hash needs exact", []catalog.Index{hash, func() catalog.Index { h := ix("t_ab_hash", "a", "b"); h.Method = "hash"; return h }()}, nil},
		{"ordering differs", []catalog.Index{ix("t_c", "c"), desc}, nil},
		{"include not covered", []catalog.Index{inc, ix("t_a_b", "a", "b")}, nil},
		{"include covered", []catalog.Index{inc, ix("t_a_z", "a", "z")}, []string{"t_a_inc>t_a_z"}},
		{"invalid covers nothing", []catalog.Index{ix("t_a", "a"), invalid}, nil},
	}
	for _, c := range cases {
		got := RedundantIndexes(c.idx)
		var names []string
		for _, r := range got {
			names = append(names, r.Index.Name+">"+r.CoveredBy.Name)
		}
		if strings.Join(names, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: got %v want %v", c.name, names, c.want)
		}
	}
}

func TestFindingsOfIndexRules(t *testing.T) {
	tk := catalog.Key{Schema: "public", Name: "Order"}
	r := RedundantIndexes([]catalog.Index{ix("o_a", "a"), ix("o_a_b", "a", "b")})[0]
	r.Index.Bytes = 3 << 20
	f := DuplicateIndexFinding(tk, r)
	if f.Rule != "duplicate-index" || f.Object != "public.o_a" || f.Fix != "DROP INDEX CONCURRENTLY public.o_a;" || !strings.Contains(f.Message, "3.0 MiB") {
		t.Errorf("duplicate: %+v", f)
	}
	bad := ix("o_x", "x")
	bad.Valid, bad.Definition = false, `CREATE INDEX o_x ON public."Order" USING btree (x)`
	f = InvalidIndexFinding(tk, bad)
	if f.Rule != "invalid-index" || f.Fix != "REINDEX INDEX CONCURRENTLY public.o_x;" || len(f.Steps) != 0 ||
		!strings.Contains(f.Message, "DROP INDEX CONCURRENTLY public.o_x;") {
		t.Errorf("invalid: %+v", f)
	}
	fk := catalog.Constraint{Name: "o_user_fk", Columns: []string{"userId", "org"}, References: &catalog.Key{Schema: "public", Name: "users"}}
	if _, missing := FKMissingIndex(tk, fk, []catalog.Index{ix("o_org_user", "org", `"userId"`, "z")}); missing {
		t.Error("index leading with both fk columns (any order) should cover it")
	}
	f, missing := FKMissingIndex(tk, fk, []catalog.Index{ix("o_user", `"userId"`), ix("o_z_org_user", "z", "org", `"userId"`)})
	if !missing || f.Rule != "fk-missing-index" || f.Fix != `CREATE INDEX CONCURRENTLY ON public."Order" ("userId", org);` {
		t.Errorf("fk: %v %+v", missing, f)
	}
	part := ix("o_org_user_p", "org", `"userId"`)
	part.Predicate = "(org IS NOT NULL)"
	if _, missing := FKMissingIndex(tk, fk, []catalog.Index{part}); !missing {
		t.Error("a partial index must not count as covering a foreign key")
	}
}
