// Package finding holds the one type every pgdeck check reports with — the
// schema advisor, plan findings, diagnostics and the migration linter — and
// the registry of rule ids they share, so one concern has one id whichever
// pane finds it.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity ranks a finding. The zero value is not a valid severity.
type Severity string

// The three severities, from most to least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// AtLeast reports whether s is as serious as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.Rank() >= min.Rank() }

// ParseSeverity reads a severity as a user types it (--fail-on warning).
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q: want error, warning or info", s)
	}
	return sev, nil
}

// Finding is one problem found by a rule, with the way to fix it.
//
// Object names the thing concerned as SQL would name it: schema-qualified,
// quoted only where needed (see Qualified). Twins that need more context
// (a plan node id, a migration file and line) embed Finding in their own
// JSON row so these fields stay flat and named the same everywhere.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Object   string   `json:"object"`
	Message  string   `json:"message"`
	// Fix is one copyable SQL statement (or a short instruction where no SQL
	// fixes it); empty when there is no fix.
	Fix string `json:"fix"`
	// Steps is a multi-step fix (expand, backfill, contract…), each step a
	// separate migration or command, in order. Empty for one-step fixes.
	Steps []string `json:"steps,omitempty"`
}

// String renders a finding on one line, as the text twins print it.
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-7s %s", f.Severity, f.Rule)
	if f.Object != "" {
		fmt.Fprintf(&b, " %s", f.Object)
	}
	fmt.Fprintf(&b, ": %s", f.Message)
	return b.String()
}

// Sort orders findings most serious first, then by object and rule, so
// output is stable and diffable.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Object, b.Object); c != 0 {
			return c
		}
		return cmp.Compare(a.Rule, b.Rule)
	})
}

// Filter drops findings whose rule is in disabled and returns the rest.
func Filter(fs []Finding, disabled map[string]bool) []Finding {
	if len(disabled) == 0 {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if !disabled[f.Rule] {
			out = append(out, f)
		}
	}
	return out
}

// Worst returns the highest severity among fs, or "" when fs is empty.
func Worst(fs []Finding) Severity {
	var w Severity
	for _, f := range fs {
		if f.Severity.Rank() > w.Rank() {
			w = f.Severity
		}
	}
	return w
}

// Without drops the items whose rule (read by rule) is in disabled, for
// twins whose rows embed a Finding (plan findings, lint findings).
func Without[T any](items []T, disabled map[string]bool, rule func(T) string) []T {
	if len(disabled) == 0 {
		return items
	}
	out := items[:0:0]
	for _, it := range items {
		if !disabled[rule(it)] {
			out = append(out, it)
		}
	}
	return out
}
