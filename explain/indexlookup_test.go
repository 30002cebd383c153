package explain

import (
	"errors"
	"slices"
	"testing"
)

func TestIndexLookupReadsEachRelationOnce(t *testing.T) {
	reads := map[string]int{}
	var failed []string
	lookup := IndexLookup(func(schema, rel string) ([][]string, error) {
		reads[schema+"|"+rel]++
		if rel == "broken" {
			return [][]string{{"x"}}, errors.New("permission denied")
		}
		return [][]string{{rel + "_col"}}, nil
	}, func(schema, rel string, err error) { failed = append(failed, schema+"|"+rel+": "+err.Error()) })
	for range 3 {
		if got := lookup("s", "t"); len(got) != 1 || got[0][0] != "t_col" {
			t.Fatalf("lookup(s, t) = %v", got)
		}
		if got := lookup("s", "broken"); got != nil {
			t.Fatalf("a failed read gives %v, want no index", got)
		}
	}
	// "a.b"+"c" and "a"+"b.c" are different relations.
	lookup("a.b", "c")
	lookup("a", "b.c")
	want := map[string]int{"s|t": 1, "s|broken": 1, "a.b|c": 1, "a|b.c": 1}
	if len(reads) != len(want) {
		t.Fatalf("reads %v, want %v", reads, want)
	}
	for k, n := range want {
		if reads[k] != n {
			t.Errorf("reads of %s: %d, want %d", k, reads[k], n)
		}
	}
	if !slices.Equal(failed, []string{"s|broken: permission denied"}) {
		t.Errorf("errors reported: %q", failed)
	}
	// Without onErr a failure is still no index.
	if got := IndexLookup(func(string, string) ([][]string, error) { return nil, errors.New("x") }, nil)("s", "t"); got != nil {
		t.Errorf("got %v", got)
	}
}
