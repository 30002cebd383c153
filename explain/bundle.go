package explain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// BundleVersion is the format version written in every bundle.
const BundleVersion = 1

// Bundle is a saved plan with what is needed to discuss it elsewhere: the
// statement, the plan as PostgreSQL printed it, the server version and
// the planner settings that differ from their defaults. It is a JSON
// document (`pgdeck explain --save FILE`) that `pgdeck explain FILE`
// reopens.
type Bundle struct {
	Pgdeck        string            `json:"pgdeck_bundle"` // "plan"
	Version       int               `json:"version"`
	Statement     string            `json:"statement"`
	Plan          string            `json:"plan"`
	ServerVersion string            `json:"server_version"`
	Settings      map[string]string `json:"settings"`
	CapturedAt    string            `json:"captured_at"`
}

// IsBundle reports whether src looks like a saved bundle rather than a plan.
func IsBundle(src string) bool {
	head := src
	if len(head) > 200 {
		head = head[:200]
	}
	return strings.HasPrefix(strings.TrimSpace(head), "{") && strings.Contains(head, `"pgdeck_bundle"`)
}

// ReadBundle decodes a bundle and checks it carries a plan.
func ReadBundle(src string) (Bundle, error) {
	var b Bundle
	dec := json.NewDecoder(strings.NewReader(src))
	if err := dec.Decode(&b); err != nil {
		return b, fmt.Errorf("read bundle: %w", err)
	}
	if b.Pgdeck != "plan" {
		return b, errors.New("read bundle: not a pgdeck plan bundle")
	}
	if b.Version > BundleVersion {
		return b, fmt.Errorf("read bundle: version %d is newer than this pgdeck understands (%d)", b.Version, BundleVersion)
	}
	if strings.TrimSpace(b.Plan) == "" {
		return b, errors.New("read bundle: it holds no plan")
	}
	return b, nil
}

// ParseSource parses a plan or a bundle holding one; for a bundle the
// statement becomes the plan's QueryText.
func ParseSource(src string) (*Plan, *Bundle, error) {
	if !IsBundle(src) {
		p, err := Parse(src)
		return p, nil, err
	}
	b, err := ReadBundle(src)
	if err != nil {
		return nil, nil, err
	}
	p, err := Parse(b.Plan)
	if err != nil {
		return nil, nil, fmt.Errorf("plan in bundle: %w", err)
	}
	if p.QueryText == "" {
		p.QueryText = b.Statement
	}
	return p, &b, nil
}

// Encode renders the bundle as indented JSON.
func (b Bundle) Encode() ([]byte, error) {
	b.Pgdeck, b.Version = "plan", BundleVersion
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return nil, fmt.Errorf("encode bundle: %w", err)
	}
	return buf.Bytes(), nil
}
