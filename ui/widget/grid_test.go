package widget

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestRowNullAndEmpty(t *testing.T) {
	r := NewRow([][]byte{nil, {}, []byte("abc"), nil})
	for i, want := range []struct {
		v    string
		null bool
	}{{"", true}, {"", false}, {"abc", false}, {"", true}} {
		v, null := r.Value(i)
		if v != want.v || null != want.null {
			t.Errorf("value %d = %q,%v", i, v, null)
		}
	}
}

func bigGrid(rows, cols int) *Grid {
	gc := make([]GridColumn, cols)
	for i := range gc {
		gc[i] = GridColumn{Name: fmt.Sprintf("col%d", i), Right: i%2 == 0}
	}
	g := NewGrid(gc)
	batch := make([]Row, 0, rows)
	vals := make([][]byte, cols)
	for r := 0; r < rows; r++ {
		for c := range vals {
			vals[c] = []byte(fmt.Sprintf("v%d_%d", r, c))
		}
		batch = append(batch, NewRow(vals))
	}
	g.Append(batch)
	g.Width, g.Height = 120, 40
	return g
}

func TestGridViewScrollsAndEscapes(t *testing.T) {
	g := bigGrid(1000, 30)
	g.Append([]Row{NewRow([][]byte{[]byte("\x1b]0;pwned\x07"), nil})})
	g.GoTo(500)
	g.Move(0, 20)
	v := ansi.Strip(g.View(GridStyles{}))
	if !strings.Contains(v, "v500_20") || strings.Contains(v, "v0_0") || !strings.Contains(v, "col20") {
		t.Errorf("view not scrolled to row 500 col 20:\n%s", v)
	}
	g.GoTo(1000)
	g.Col = 0
	v = g.View(GridStyles{})
	if strings.Contains(v, "\x07") || strings.Contains(v, "\x1b]") || !strings.Contains(ansi.Strip(v), `\x1b]`) {
		t.Errorf("control characters not escaped: %q", v)
	}
	if n := strings.Count(v, "\n") + 1; n > g.Height {
		t.Errorf("view has %d lines for height %d", n, g.Height)
	}
}

func TestInspectPrettyJSON(t *testing.T) {
	got := Inspect(`{"a":[1,2],"b":"\u001b"}`, false, 80)
	if len(got) < 4 || strings.TrimSpace(got[1]) != `"a": [` {
		t.Errorf("not pretty printed: %q", got)
	}
	if Inspect("", true, 10)[0] != "NULL" {
		t.Error("NULL not shown")
	}
}

// BenchmarkGridFrame renders one frame at the top and at the bottom of
// 100,000 rows × 10 columns: the cost must not depend on the position.
func BenchmarkGridFrame(b *testing.B) {
	g := bigGrid(100_000, 10)
	for _, pos := range []int{0, 50_000, 99_999} {
		b.Run(fmt.Sprintf("row%d", pos), func(b *testing.B) {
			for b.Loop() {
				g.GoTo(pos)
				_ = g.View(GridStyles{})
			}
		})
	}
}
