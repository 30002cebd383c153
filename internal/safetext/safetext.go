// Package safetext is the one place that decides how text from outside
// pgdeck (database names, values, server messages, plan labels, files) is
// shown on a terminal. Every pane, the window title, the status line and
// every twin's text and Markdown output pass such text through Display or
// Block; JSON output and generated SQL never do (they carry the real bytes).
//
// The scheme follows psql and Go string literals, so every escape is
// visible, distinct and reversible:
//
//	\\          a literal backslash (so `\x1b` typed as text reads `\\x1b`)
//	\n \t \r    newline, tab, carriage return (Block keeps newline raw)
//	\xNN        other C0 controls and DEL (U+0000–U+001F, U+007F)
//	\xNN        each byte of invalid UTF-8 (e.g. \xff)
//	\uNNNN      C1 controls U+0080–U+009F (U+009B is a one-byte CSI),
//	            bidi controls U+061C, U+200E/F, U+202A–202E, U+2066–2069,
//	            and the line/paragraph separators U+2028/2029
//
// Everything else, including wide and combining characters, is kept.
package safetext

import (
	"strings"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// Display shows s on one line: newlines and tabs are escaped too, so a
// grid cell, a name or a status line is never broken or misaligned.
func Display(s string) string { return escape(s, false) }

// Block shows multi-line text (SQL, plans, server detail): newlines are
// kept, everything else is escaped as in Display.
func Block(s string) string { return escape(s, true) }

// Title shows s in a terminal window title: as Display, and cut to n runes
// so a long name cannot flood the OSC sequence.
func Title(s string, n int) string {
	d := Display(s)
	if utf8.RuneCountInString(d) <= n {
		return d
	}
	r := []rune(d)
	return string(r[:max(n-1, 0)]) + "…"
}

// Unsafe reports whether r is shown escaped by Display.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func escape(s string, keepNewline bool) string {
	if clean(s, keepNewline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xf])
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n' && keepNewline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		case Unsafe(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[(r>>shift)&0xf])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// clean reports whether escape would return s unchanged: the common case,
// checked without allocating.
func clean(s string, keepNewline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\\' || c == 0x7f || (c < 0x20 && !(keepNewline && c == '\n')) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}
