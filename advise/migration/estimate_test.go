package migration

import (
	"math"
	"strings"
	"testing"
	"time"
)

// sizes is a Facts knowing table sizes only, keyed by table name.
type sizes map[string]int64

func (s sizes) ColumnType(Ref, string) (string, bool) { return "", false }

func (s sizes) Table(r Ref) (TableFacts, bool) {
	b, ok := s[r.Name]
	if !ok {
		return TableFacts{}, false
	}
	return TableFacts{Name: "public." + r.Name, Exists: true, Known: true, Bytes: b, Rows: b / 100}, true
}

// TestEstimates checks how statements turn table sizes into lock time:
// a rewrite covers the checks a scan would make in the same statement,
// index builds add, VACUUM FULL of two tables sums both, and the window
// and throughputs come from the options.
func TestEstimates(t *testing.T) {
	const mb = 1 << 20
	facts := sizes{"a": 2000 * mb, "b": 100 * mb}
	cases := []struct {
		sql, rule string
		want      float64
	}{
		{"ALTER TABLE a ALTER COLUMN c SET NOT NULL;", "set-not-null", 2000.0 / ScanMBps},
		{"ALTER TABLE a ALTER COLUMN c TYPE bigint, ALTER COLUMN d SET NOT NULL;", "change-column-type", 2000.0 / RewriteMBps},
		{"ALTER TABLE a ADD CONSTRAINT k UNIQUE (c), ADD CONSTRAINT m UNIQUE (d);", "unique-constraint-direct", 2 * 2000.0 / IndexMBps},
		{"CREATE INDEX i ON b (c);", "create-index-not-concurrently", 100.0 / IndexMBps},
		{"VACUUM FULL a, b;", "vacuum-full-or-cluster", 2100.0 / RewriteMBps},
		{"ALTER TABLE b ADD COLUMN id2 uuid DEFAULT gen_random_uuid();", "add-column-volatile-default", 100.0 / RewriteMBps},
		{"ALTER TABLE b DROP COLUMN c;", "drop-column", 0},
	}
	for _, c := range cases {
		fs, err := LintSource(Source{Name: "m.sql", SQL: "SET lock_timeout = '1s';\n" + c.sql}, Options{Facts: facts})
		if err != nil {
			t.Fatal(err)
		}
		var got *Finding
		for i := range fs {
			if fs[i].Rule == c.rule {
				got = &fs[i]
			}
		}
		if got == nil {
			t.Fatalf("%s: no %s in %v", c.sql, c.rule, fs)
		}
		if got.TableBytes == nil || got.TableRows == nil {
			t.Errorf("%s: no table figures", c.sql)
		}
		switch {
		case c.want == 0 && got.EstimatedLockSeconds != nil:
			t.Errorf("%s: estimate %v, want none", c.sql, *got.EstimatedLockSeconds)
		case c.want != 0 && (got.EstimatedLockSeconds == nil || math.Abs(*got.EstimatedLockSeconds-c.want) > 1e-9):
			t.Errorf("%s: estimate %v, want %g", c.sql, got.EstimatedLockSeconds, c.want)
		case c.want > DefaultWindow.Seconds() != strings.Contains(got.Message, "maintenance window"):
			t.Errorf("%s: %g s and message %q", c.sql, c.want, got.Message)
		}
	}
	// A faster server and a shorter window, from the options.
	fs, err := LintSource(Source{Name: "m.sql", SQL: "ALTER TABLE b ALTER COLUMN c SET NOT NULL;"},
		Options{Facts: facts, Throughput: Throughput{ScanMBps: 1000}, Window: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.EstimatedLockSeconds == nil || *f.EstimatedLockSeconds != 0.1 || !strings.Contains(f.Message, "over 50 ms: run it in a maintenance window") {
			t.Errorf("options ignored: %+v", f)
		}
	}
}

func TestHumanUnits(t *testing.T) {
	for in, want := range map[float64]string{0.02: "20 ms", 4.54: "4.5 s", 40: "40 s", 600: "10 min", 3 * 3600: "3 h"} {
		if got := HumanSeconds(in); got != want {
			t.Errorf("HumanSeconds(%g) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[int64]string{512: "512 bytes", 64 << 20: "64 MB", 20 << 30: "20 GB"} {
		if got := HumanBytes(in); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[int64]string{999: "999", 150_000: "150k", 2_400_000: "2.4M", 5000: "5k"} {
		if got := humanCount(in); got != want {
			t.Errorf("humanCount(%d) = %q, want %q", in, got, want)
		}
	}
}
