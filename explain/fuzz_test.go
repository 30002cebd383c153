package explain

import (
	"path/filepath"
	"testing"
)

// FuzzParse feeds both parsers mangled plans: they must return an error or
// a consistent tree, never panic or hang.
//
//	go test ./explain -run '^$' -fuzz FuzzParse -fuzztime 60s
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/plans/*-verbose.*", "testdata/plans/*-costsoff.*", "testdata/paste/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			f.Add(readFile(f, file))
		}
	}
	f.Add(pg18Text)
	f.Add(pg18JSON)
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err != nil {
			return
		}
		if p.Root == nil || len(p.Nodes) == 0 || p.Nodes[0] != p.Root {
			t.Fatalf("parsed without a root")
		}
		for i, n := range p.Nodes {
			if n.ID != i+1 {
				t.Fatalf("node %d has id %d", i+1, n.ID)
			}
			if m := n.M.MisestimateFactor; m != nil && !(*m >= 1) {
				t.Fatalf("misestimate factor %v", *m)
			}
			if e := n.M.ExclusiveMS; e != nil && *e < 0 {
				t.Fatalf("negative exclusive time %v", *e)
			}
			_ = n.Label()
		}
	})
}
