// Package report holds the conventions every non-interactive twin
// (`pgdeck explain|check|inspect|query|migrate … --format`) follows, so
// that scripts see one shape everywhere:
//
//   - field names are snake_case and stable; a figure the source does not
//     have is null, never 0 or omitted;
//   - times are float milliseconds in fields ending _ms, sizes are integer
//     bytes in fields ending _bytes;
//   - 64-bit identifiers (queryid, xid8…) are JSON strings, because
//     JavaScript and jq lose precision above 2^53 (tag such fields
//     `json:",string"` or use ID64);
//   - findings are finding.Finding rows under "findings";
//   - one JSON document per run, indented, ending in a newline.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Format is an output format of a twin.
type Format string

// Formats the twins offer; each command accepts the subset it supports.
const (
	Text     Format = "text"
	JSON     Format = "json"
	Markdown Format = "markdown"
	CSV      Format = "csv"
	Table    Format = "table"
)

// ParseFormat checks s against the formats a command allows.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(allowed, f) {
		return f, nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", fmt.Errorf("unknown format %q: want one of %s", s, strings.Join(names, ", "))
}

// WriteJSON writes v as one indented JSON document with a final newline,
// without HTML escaping (SQL is full of < and >).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// ID64 is a 64-bit identifier that travels as a JSON string.
type ID64 int64

// MarshalJSON writes the id as a decimal string.
func (id ID64) MarshalJSON() ([]byte, error) {
	return []byte(`"` + strconv.FormatInt(int64(id), 10) + `"`), nil
}

// UnmarshalJSON accepts a decimal string (our own form) or a bare number.
func (id *ID64) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("id %s: %w", b, err)
	}
	*id = ID64(v)
	return nil
}
