package plan

import (
	"compress/gzip"
	"io"
	"os"
	"testing"
)

func benchFixture(b *testing.B, name string) string {
	f, err := os.Open("../../explain/testdata/bench/" + name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	src, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return string(src)
}

// BenchmarkView10k renders a frame of the 10,000-node plan after moving
// the cursor (target ≤ 10 ms a frame whatever the plan size).
func BenchmarkView10k(b *testing.B) {
	m := openPlan(b, benchFixture(b, "append10k.txt.gz"), 200, 60)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Update(keyMsg("down"))
		_ = m.View()
	}
}

// BenchmarkView10kCollapseSearch includes a collapse/expand of the root's
// 10,000 children and a search step in each frame: the worst keys.
func BenchmarkView10kCollapseSearch(b *testing.B) {
	m := openPlan(b, benchFixture(b, "append10k.json.gz"), 200, 60)
	press(m, "/", "p", "a", "r", "t", "e", "d", "_", "9", "enter")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		press(m, "g", "space", "space", "n")
		_ = m.View()
	}
}

// BenchmarkView30 is the same frame for a small plan, for comparison.
func BenchmarkView30(b *testing.B) {
	m := openPlan(b, string(must(os.ReadFile("../../explain/testdata/plans/subplans-verbose.txt"))), 200, 60)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Update(keyMsg("down"))
		_ = m.View()
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
