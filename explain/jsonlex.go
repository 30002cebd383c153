package explain

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonLexer is a small JSON reader specialised for EXPLAIN documents: it
// walks objects key by key without building a generic tree, which keeps a
// 10,000-node plan well inside its time and memory budget (encoding/json
// into maps is several times slower and allocates per value).
type jsonLexer struct {
	data  string
	pos   int
	depth int
}

var errJSONDepth = errors.New("JSON nested too deeply")

func (l *jsonLexer) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", l.pos, fmt.Sprintf(format, args...))
}

func (l *jsonLexer) ws() {
	for l.pos < len(l.data) {
		switch l.data[l.pos] {
		case ' ', '\t', '\n', '\r':
			l.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (l *jsonLexer) peek() byte {
	l.ws()
	if l.pos >= len(l.data) {
		return 0
	}
	return l.data[l.pos]
}

func (l *jsonLexer) expect(c byte) error {
	if l.peek() != c {
		return l.errorf("expected %q", c)
	}
	l.pos++
	return nil
}

// object calls fn for each key of the object at the cursor; fn must
// consume the value.
func (l *jsonLexer) object(fn func(key string) error) error {
	if err := l.expect('{'); err != nil {
		return err
	}
	l.depth++
	if l.depth > maxDepth {
		return errJSONDepth
	}
	defer func() { l.depth-- }()
	if l.peek() == '}' {
		l.pos++
		return nil
	}
	for {
		key, err := l.str()
		if err != nil {
			return err
		}
		if err := l.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		switch l.peek() {
		case ',':
			l.pos++
		case '}':
			l.pos++
			return nil
		default:
			return l.errorf("expected , or }")
		}
	}
}

// array calls fn for each element of the array at the cursor.
func (l *jsonLexer) array(fn func() error) error {
	if err := l.expect('['); err != nil {
		return err
	}
	l.depth++
	if l.depth > maxDepth {
		return errJSONDepth
	}
	defer func() { l.depth-- }()
	if l.peek() == ']' {
		l.pos++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch l.peek() {
		case ',':
			l.pos++
		case ']':
			l.pos++
			return nil
		default:
			return l.errorf("expected , or ]")
		}
	}
}

// str reads a string; strings without escapes are substrings of the input.
func (l *jsonLexer) str() (string, error) {
	if err := l.expect('"'); err != nil {
		return "", err
	}
	start := l.pos
	for l.pos < len(l.data) {
		switch ch := l.data[l.pos]; {
		case ch == '"':
			s := l.data[start:l.pos]
			l.pos++
			return s, nil
		case ch == '\\':
			return l.escaped(start)
		case ch < 0x20:
			return "", l.errorf("control character in string")
		}
		l.pos++
	}
	return "", l.errorf("unterminated string")
}

// escaped finishes a string holding escapes by handing it to encoding/json.
func (l *jsonLexer) escaped(start int) (string, error) {
	for l.pos < len(l.data) {
		switch l.data[l.pos] {
		case '\\':
			l.pos += 2
			continue
		case '"':
			var s string
			if err := json.Unmarshal([]byte(l.data[start-1:l.pos+1]), &s); err != nil {
				return "", l.errorf("bad string: %v", err)
			}
			l.pos++
			return s, nil
		}
		l.pos++
	}
	return "", l.errorf("unterminated string")
}

func (l *jsonLexer) num() (float64, error) {
	l.ws()
	start := l.pos
	for l.pos < len(l.data) {
		ch := l.data[l.pos]
		if (ch < '0' || ch > '9') && ch != '-' && ch != '+' && ch != '.' && ch != 'e' && ch != 'E' {
			break
		}
		l.pos++
	}
	v, ok := parseNum(l.data[start:l.pos])
	if !ok {
		return 0, l.errorf("expected a number")
	}
	return v, nil
}

// scalarText reads any value and returns it as text: strings as they are,
// numbers and literals as written, arrays of scalars joined with ", ", and
// objects as compact JSON.
func (l *jsonLexer) scalarText() (string, error) {
	switch c := l.peek(); c {
	case '"':
		return l.str()
	case '[':
		var parts []string
		err := l.array(func() error {
			s, err := l.scalarText()
			parts = append(parts, s)
			return err
		})
		return strings.Join(parts, ", "), err
	case '{':
		start := l.pos
		if err := l.skip(); err != nil {
			return "", err
		}
		return compactJSON(l.data[start:l.pos]), nil
	case 0:
		return "", l.errorf("unexpected end of input")
	default:
		start := l.pos
		for l.pos < len(l.data) && strings.IndexByte(",]} \t\r\n", l.data[l.pos]) < 0 {
			l.pos++
		}
		s := l.data[start:l.pos]
		if s == "true" || s == "false" || s == "null" {
			return s, nil
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil || !utf8.ValidString(s) {
			return "", l.errorf("unexpected %q", s)
		}
		return s, nil
	}
}

// skip consumes one value of any kind.
func (l *jsonLexer) skip() error {
	switch l.peek() {
	case '{':
		return l.object(func(string) error { return l.skip() })
	case '[':
		return l.array(l.skip)
	default:
		_, err := l.scalarText()
		return err
	}
}

func compactJSON(s string) string {
	var b strings.Builder
	var quoted, esc bool
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case esc:
			esc = false
		case quoted && ch == '\\':
			esc = true
		case ch == '"':
			quoted = !quoted
		case !quoted && (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'):
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}
