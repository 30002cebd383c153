package finding

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// docsPath is the rules documentation, relative to this package.
const docsPath = "../docs/rules.md"

// ruleHeading matches a rule section's heading: "### id" or
// "### id (severity)". Other level-3 headings ("### Lock table") start
// with a capital letter and are not rule sections.
var ruleHeading = regexp.MustCompile(`^### ([a-z0-9]+(?:-[a-z0-9]+)*)(?: \(([a-z]+)\))?\s*$`)

// indexRow matches a row of the rule index: | [`id`](#anchor) | severity | …
var indexRow = regexp.MustCompile("^\\| \\[`([a-z0-9-]+)`\\]\\(#([a-z0-9-]+)\\) \\| ([a-z]+) \\|")

// docSection is what the documentation says about one rule.
type docSection struct {
	severity string // "" when the heading gives none
	anchor   string // the heading's GitHub anchor
	count    int
}

// readRuleDocs parses docs/rules.md into rule sections and index rows.
func readRuleDocs(t *testing.T) (sections map[string]*docSection, index map[string][2]string, indexCount map[string]int) {
	t.Helper()
	b, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatalf("read the rules documentation: %v", err)
	}
	sections = map[string]*docSection{}
	index = map[string][2]string{}
	indexCount = map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if m := ruleHeading.FindStringSubmatch(line); m != nil {
			s := sections[m[1]]
			if s == nil {
				s = &docSection{}
				sections[m[1]] = s
			}
			s.count++
			s.severity = m[2]
			s.anchor = anchorOf(strings.TrimPrefix(line, "### "))
			continue
		}
		if m := indexRow.FindStringSubmatch(line); m != nil {
			index[m[1]] = [2]string{m[2], m[3]}
			indexCount[m[1]]++
		}
	}
	return sections, index, indexCount
}

// anchorOf is the anchor GitHub gives a heading: lower case, punctuation
// other than hyphens dropped, spaces turned into hyphens.
func anchorOf(heading string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			sb.WriteRune(r)
		case r == ' ':
			sb.WriteByte('-')
		}
	}
	return sb.String()
}

// TestDocsCoverEveryRule keeps docs/rules.md in step with the registry:
// every registered rule has exactly one "### id" section whose severity
// (when the heading gives one) is the rule's default, and one row in the
// index that links to that section with the same severity.
func TestDocsCoverEveryRule(t *testing.T) {
	sections, index, indexCount := readRuleDocs(t)
	for _, r := range Rules() {
		s, ok := sections[r.ID]
		if !ok {
			t.Errorf("rule %s is registered in finding/rules.go but %s has no \"### %s\" section", r.ID, docsPath, r.ID)
			continue
		}
		if s.count > 1 {
			t.Errorf("rule %s has %d sections in %s, want one", r.ID, s.count, docsPath)
		}
		if s.severity != "" && s.severity != string(r.Severity) {
			t.Errorf("rule %s: the docs heading says (%s), the registry %s", r.ID, s.severity, r.Severity)
		}
		row, ok := index[r.ID]
		switch {
		case !ok:
			t.Errorf("rule %s is missing from the index of %s", r.ID, docsPath)
		case indexCount[r.ID] > 1:
			t.Errorf("rule %s is listed %d times in the index", r.ID, indexCount[r.ID])
		case row[0] != s.anchor:
			t.Errorf("rule %s: the index links to #%s, the section's anchor is #%s", r.ID, row[0], s.anchor)
		case row[1] != string(r.Severity):
			t.Errorf("rule %s: the index says %s, the registry %s", r.ID, row[1], r.Severity)
		}
	}
}

// TestDocsNameOnlyRegisteredRules catches a section or index row for an
// id that is not registered (a typo, or a rule renamed in the code only).
func TestDocsNameOnlyRegisteredRules(t *testing.T) {
	sections, index, _ := readRuleDocs(t)
	if len(sections) == 0 {
		t.Fatalf("%s has no rule sections", docsPath)
	}
	for id := range sections {
		if _, ok := Lookup(id); !ok {
			t.Errorf("%s has a section for %q, which finding/rules.go does not register", docsPath, id)
		}
	}
	for id := range index {
		if _, ok := Lookup(id); !ok {
			t.Errorf("the index of %s lists %q, which finding/rules.go does not register", docsPath, id)
		}
	}
}

func TestAnchorOf(t *testing.T) {
	for in, want := range map[string]string{
		"fk-missing-index (warning)":    "fk-missing-index-warning",
		"Exempting a statement":         "exempting-a-statement",
		"How each tool runs a file":     "how-each-tool-runs-a-file",
		"Health checks (`pgdeck x`, y)": "health-checks-pgdeck-x-y",
	} {
		if got := anchorOf(in); got != want {
			t.Errorf("anchorOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDocsLinksResolve checks that every in-page link (#anchor) of the
// rules documentation leads to a heading.
func TestDocsLinksResolve(t *testing.T) {
	b, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatalf("read the rules documentation: %v", err)
	}
	anchors := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if h := strings.TrimLeft(line, "#"); h != line && strings.HasPrefix(h, " ") {
			anchors[anchorOf(h)] = true
		}
	}
	links := regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(string(b), -1)
	if len(links) == 0 {
		t.Fatalf("%s has no in-page links; the index should link every rule", docsPath)
	}
	for _, m := range links {
		if !anchors[m[1]] {
			t.Errorf("%s links to #%s, which no heading has", docsPath, m[1])
		}
	}
}
