package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/report"
)

func TestWriteCheck(t *testing.T) {
	fs := []finding.Finding{
		finding.New("invalid-index", "public.\"Bad\nName\"", "invalid", "REINDEX INDEX CONCURRENTLY x;"),
		finding.New("json-not-jsonb", "public.t.doc", "json", ""),
	}
	var buf bytes.Buffer
	if err := writeCheck(&buf, report.JSON, fs, nil); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
		Notes    []string         `json:"notes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 2 || got.Notes == nil {
		t.Fatalf("json: %s", buf.String())
	}
	for _, k := range []string{"rule", "severity", "object", "message", "fix"} {
		if _, ok := got.Findings[0][k]; !ok {
			t.Errorf("json finding lacks %q: %v", k, got.Findings[0])
		}
	}
	buf.Reset()
	if err := writeCheck(&buf, report.JSON, nil, nil); err != nil || !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("empty json should hold an empty list: %s %v", buf.String(), err)
	}
	buf.Reset()
	if err := writeCheck(&buf, report.Text, fs, nil); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if strings.Count(text, "\n") != 4 || !strings.Contains(text, `Bad\nName`) || !strings.Contains(text, "fix: REINDEX") ||
		!strings.Contains(text, "2 finding(s): 1 error, 0 warning, 1 info") {
		t.Errorf("text:\n%s", text)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--format", "yaml", "dbname=x"},
		{"check", "--fail-on", "fatal", "dbname=x"},
		{"check", "--disable", "no-such-rule", "dbname=x"},
	} {
		if code := run(args); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage error before connecting)", args, code)
		}
	}
}
