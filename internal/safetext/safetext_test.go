package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplay(t *testing.T) {
	for _, tc := range []struct{ in, display, block string }{
		{"plain é 漢", "plain é 漢", "plain é 漢"},
		{"\x1b]0;pwn\x07", `\x1b]0;pwn\x07`, `\x1b]0;pwn\x07`},
		{"\x1b]52;c;aGk=\x07", `\x1b]52;c;aGk=\x07`, `\x1b]52;c;aGk=\x07`},
		{"\u009b2J", `\u009b2J`, `\u009b2J`},
		{"a\u202eb\u2066c\u061c", `a\u202eb\u2066c\u061c`, `a\u202eb\u2066c\u061c`},
		{"\xff\xc3", `\xff\xc3`, `\xff\xc3`},
		{"a\tb\nc\r", `a\tb\nc\r`, "a\\tb\nc\\r"},
		{`C:\x1b`, `C:\\x1b`, `C:\\x1b`},
		{"\x00\x7f", `\x00\x7f`, `\x00\x7f`},
		{"line\u2028sep", `line\u2028sep`, `line\u2028sep`},
	} {
		if got := Display(tc.in); got != tc.display {
			t.Errorf("Display(%q) = %q, want %q", tc.in, got, tc.display)
		}
		if got := Block(tc.in); got != tc.block {
			t.Errorf("Block(%q) = %q, want %q", tc.in, got, tc.block)
		}
	}
	if got := Title(strings.Repeat("x", 100), 10); utf8.RuneCountInString(got) != 10 {
		t.Errorf("Title cut to %d runes", utf8.RuneCountInString(got))
	}
}

// FuzzDisplay checks the promises callers rely on: the output is valid
// UTF-8 with no raw control, C1 or bidi rune (Block: except newline), and
// escaping is deterministic and reversible in the sense that distinct
// inputs never collide.
func FuzzDisplay(f *testing.F) {
	for _, s := range []string{"", "a", "\x1b[31m", "\u009b", "\u202e", "\xff", "\\x1b", "a\nb\tc", "\\\\"} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, s, other string) {
		for _, keep := range []bool{false, true} {
			out := escape(s, keep)
			if !utf8.ValidString(out) {
				t.Fatalf("escape(%q) = %q: invalid UTF-8", s, out)
			}
			for _, r := range out {
				if Unsafe(r) && !(keep && r == '\n') {
					t.Fatalf("escape(%q) = %q holds raw %U", s, out, r)
				}
			}
			if escape(s, keep) != out {
				t.Fatalf("escape(%q) not stable", s)
			}
			if s != other && escape(other, keep) == out {
				t.Fatalf("escape(%q) == escape(%q) = %q", s, other, out)
			}
			if clean(s, keep) != (out == s) {
				t.Fatalf("clean(%q) = %v but escape changed=%v", s, clean(s, keep), out != s)
			}
		}
	})
}
