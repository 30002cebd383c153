package slow

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// ms renders milliseconds compactly: 0.42ms, 12.3ms, 4.20s, 3.5m, 2.1h.
func ms(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2fms", v)
	case v < 1000:
		return fmt.Sprintf("%.1fms", v)
	case v < 60_000:
		return fmt.Sprintf("%.2fs", v/1000)
	case v < 3_600_000:
		return fmt.Sprintf("%.1fm", v/60_000)
	}
	return fmt.Sprintf("%.1fh", v/3_600_000)
}

// count renders a counter compactly: 950, 12.3k, 4.5M, 1.2G.
func count(v float64) string {
	switch {
	case v < 10_000:
		if v == float64(int64(v)) {
			return fmt.Sprintf("%d", int64(v))
		}
		return fmt.Sprintf("%.1f", v)
	case v < 1e6:
		return fmt.Sprintf("%.1fk", v/1e3)
	case v < 1e9:
		return fmt.Sprintf("%.1fM", v/1e6)
	}
	return fmt.Sprintf("%.1fG", v/1e9)
}

// bytes renders a size in binary units.
func bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, u := float64(n)/unit, 0
	for v >= unit && u < 4 {
		v /= unit
		u++
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTP"[u])
}

// oneLine folds a statement's whitespace into single spaces and escapes
// control characters, reading at most about limit bytes so a huge text
// costs no more than a short one.
func oneLine(s string, limit int) string {
	if limit > 0 && len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return safetext.Display(strings.Join(strings.Fields(s), " "))
}

// pad fits s to exactly w cells, aligned right or left.
func pad(s string, w int, right bool) string {
	s = ansi.Truncate(s, w, "…")
	gap := w - ansi.StringWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// fit cuts lines to the pane's rectangle so the layout never overflows,
// and pads it to the full height.
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}
