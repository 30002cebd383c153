package widget

import (
	"math"
	"strings"
)

// sparkBlocks are the eight heights of a sparkline cell, lowest first.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws the last width values as a row of block characters
// scaled to the largest of them, right-aligned and padded with spaces when
// there are fewer values than cells. A zero (or negative, NaN or infinite)
// value is a space, so any activity at all shows at least the lowest
// block.
func Sparkline(values []float64, width int) string {
	if width <= 0 {
		return ""
	}
	if len(values) > width {
		values = values[len(values)-width:]
	}
	top := 0.0
	for _, v := range values {
		if usable(v) && v > top {
			top = v
		}
	}
	var b strings.Builder
	b.Grow(width * 3)
	for range width - len(values) {
		b.WriteByte(' ')
	}
	for _, v := range values {
		if !usable(v) || v <= 0 || top <= 0 {
			b.WriteByte(' ')
			continue
		}
		i := int(math.Ceil(v/top*float64(len(sparkBlocks)))) - 1
		b.WriteRune(sparkBlocks[min(max(i, 0), len(sparkBlocks)-1)])
	}
	return b.String()
}

func usable(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
