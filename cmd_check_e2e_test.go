package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/finding"
)

// checkJSON is what `pgdeck check --format json` prints.
type checkJSON struct {
	Findings []finding.Finding `json:"findings"`
	Notes    []string          `json:"notes"`
}

// runCheckJSON runs `pgdeck check DSN --format json` with extra flags and
// decodes its output.
func runCheckJSON(t *testing.T, dsn string, flags ...string) (int, checkJSON) {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"check", dsn, "--format", "json"}, flags...)...)
	if code != 0 && code != 1 {
		t.Fatalf("check %v: exit %d\n%s", flags, code, stderr)
	}
	var got checkJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("check %v: not JSON: %v\n%s", flags, err, out)
	}
	return code, got
}

// adviseFixture reads one of the schema advisor's test schemas.
func adviseFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("advise/schema/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// execOn runs statements one by one (outside a transaction) on dsn.
func execOn(t *testing.T, dsn string, stmts ...string) []error {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	errs := make([]error, len(stmts))
	for i, s := range stmts {
		_, errs[i] = c.Exec(ctx, s)
	}
	return errs
}

// TestCheckE2EProblemsAndTwins runs the CLI over the schema holding every
// planted problem (schema bad) and its well-designed twin (schema good):
// each problem is reported, the twin never is, and the exit code follows
// --fail-on from the worst severity actually printed.
func TestCheckE2EProblemsAndTwins(t *testing.T) {
	dsn := newTestDB(t, "check_e2e_problems", adviseFixture(t, "problems.sql"))
	// A failed concurrent build leaves an invalid index behind (the
	// statement fails on the duplicate values; that is the point).
	execOn(t, dsn, "create unique index concurrently dupes_v_key on bad.dupes (v)")
	_, got := runCheckJSON(t, dsn, "--fail-on", "info")
	seen := map[string]bool{}
	for _, f := range got.Findings {
		seen[f.Rule+" "+f.Object] = true
		if strings.HasPrefix(f.Object, "good.") {
			t.Errorf("false positive on the well-designed twin: %s %s (fix %s)", f.Rule, f.Object, f.Fix)
		}
		if f.Message == "" || f.Severity == "" {
			t.Errorf("finding without message or severity: %+v", f)
		}
	}
	for _, want := range []string{
		"fk-missing-index bad.memberships", "no-primary-key bad.memberships", "junction-missing-unique bad.memberships",
		"float-money bad.payments.amount", "timestamp-without-tz bad.payments.paid_at", "json-not-jsonb bad.payments.payload",
		"sequence-near-exhaustion bad.payments_id_seq", "enum-like-text bad.payments.status",
		"duplicate-index bad.payments_code_idx", "invalid-index bad.dupes_v_key",
	} {
		if !seen[want] {
			t.Errorf("check did not report %q", want)
		}
	}
	worst := finding.Worst(got.Findings)
	for _, level := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		code, _ := runCheckJSON(t, dsn, "--fail-on", string(level))
		if want := map[bool]int{true: 1, false: 0}[worst.AtLeast(level)]; code != want {
			t.Errorf("--fail-on %s with worst %s: exit %d, want %d", level, worst, code, want)
		}
	}
	// Disabling every rule that fired leaves nothing and exits 0.
	rules := map[string]bool{}
	for _, f := range got.Findings {
		rules[f.Rule] = true
	}
	var off []string
	for r := range rules {
		off = append(off, r)
	}
	code, none := runCheckJSON(t, dsn, "--fail-on", "info", "--disable", strings.Join(off, ","))
	if code != 0 || len(none.Findings) != 0 {
		t.Errorf("all rules disabled: exit %d, %d findings", code, len(none.Findings))
	}
}

// TestCheckE2EHostileIdentifiers runs the CLI over objects named with
// mixed case, spaces, quotes, unicode, keywords, 63-byte names and a
// newline: the JSON names them as SQL quotes them, the text output never
// writes a control character raw, and every fix it prints runs on the
// database and makes its finding go away.
func TestCheckE2EHostileIdentifiers(t *testing.T) {
	setup := adviseFixture(t, "hostile.sql") + "\ncreate table \"Weird \"\"Schema\"\"\".\"line\nbreak\" (v int);\n"
	dsn := newTestDB(t, "check_e2e_hostile", setup)
	_, got := runCheckJSON(t, dsn, "--fail-on", "info")
	seen := map[string]bool{}
	for _, f := range got.Findings {
		seen[f.Rule+" "+f.Object] = true
	}
	for _, want := range []string{
		`float-money "Weird ""Schema"""."Order Items"."Total Price"`,
		`json-not-jsonb "Weird ""Schema"""."Order Items"."Payload ☃"`,
		`serial-not-identity "Weird ""Schema"""."Order Items"."select"`,
		`fk-missing-index "Weird ""Schema"""."Order Items"`,
		`duplicate-index "Weird ""Schema"""."Dup ""1"""`,
		`no-primary-key "Weird ""Schema"""."table"`,
		`no-primary-key "Weird ""Schema"""."ábcdefghijklmnopqrstuvwxyzábcdefghijklmnopqrstuvwxyzábcdefgh"`,
		"no-primary-key \"Weird \"\"Schema\"\"\".\"line\nbreak\"",
	} {
		if !seen[want] {
			t.Errorf("check did not report %s", want)
		}
	}
	code, text, _ := runCLI(t, "check", dsn, "--fail-on", "info")
	if code != 1 || !strings.Contains(text, `"line\nbreak"`) {
		t.Errorf("text output: exit %d, escaped newline missing:\n%s", code, text)
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "break") {
			t.Errorf("raw newline from a name split the text output: %q", line)
		}
	}
	// Apply every fix, in the order printed, to the database: each must run.
	var fixes []string
	for _, f := range got.Findings {
		if f.Fix != "" {
			fixes = append(fixes, f.Fix)
		}
	}
	for i, err := range execOn(t, dsn, fixes...) {
		if err != nil {
			t.Errorf("fix does not run: %v\n%s", err, fixes[i])
		}
	}
	_, after := runCheckJSON(t, dsn, "--fail-on", "info")
	for _, f := range after.Findings {
		if seen[f.Rule+" "+f.Object] && f.Fix != "" {
			t.Errorf("still reported after its fix ran: %s %s", f.Rule, f.Object)
		}
	}
}
