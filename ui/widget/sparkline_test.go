package widget

import (
	"math"
	"testing"
	"unicode/utf8"
)

func TestSparkline(t *testing.T) {
	for _, c := range []struct {
		in    []float64
		width int
		want  string
	}{
		{nil, 4, "    "},
		{[]float64{0, 1, 2, 4, 8}, 5, " ▁▂▄█"},
		{[]float64{5, 5}, 4, "  ██"},
		{[]float64{1, 2, 3, 100}, 2, "▁█"},
		{[]float64{math.NaN(), math.Inf(1), -3, 2}, 4, "   █"},
		{[]float64{1}, 0, ""},
		{[]float64{1}, -2, ""},
	} {
		got := Sparkline(c.in, c.width)
		if got != c.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if c.width > 0 && utf8.RuneCountInString(got) != c.width {
			t.Errorf("Sparkline(%v, %d) has %d cells", c.in, c.width, utf8.RuneCountInString(got))
		}
	}
}
