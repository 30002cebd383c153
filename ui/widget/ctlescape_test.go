package widget

import "testing"

func TestEscapeControl(t *testing.T) {
	for in, want := range map[string]string{
		"plain ☃":           "plain ☃",
		"a\nb\tc\rd":        `a\nb\tc\rd`,
		"\x1b[31mred":       `\x1b[31mred`,
		"bell\a del\x7f":    `bell\x07 del\x7f`,
		"c1 \u009b":         `c1 \u009b`,
		"bad \xff utf8":     `bad \xff utf8`,
		"":                  "",
		"\uFFFD real ufffd": "\uFFFD real ufffd",
	} {
		if got := EscapeControl(in); got != want {
			t.Errorf("EscapeControl(%q) = %q, want %q", in, got, want)
		}
	}
}
