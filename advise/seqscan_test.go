package advise

import (
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

func TestSeqScanHeavy(t *testing.T) {
	tb := catalog.Key{Schema: "public", Name: "tasks"}
	th := DefaultThresholds()
	cases := []struct {
		name                   string
		seq, seqRows, idxScans int64
		want                   bool
	}{
		// The demo's tasks: 129 full scans of 150k rows next to 1,423 index
		// scans — 91.7% index use, below PgHero's 95%.
		{"demo tasks", 129, 129 * 150000, 1423, true},
		{"mostly indexed", 100, 100 * 150000, 5000, false},
		{"small table", 500, 500 * 200, 10, false},
		{"few scans", 10, 10 * 150000, 0, false},
	}
	for _, c := range cases {
		f, ok := SeqScanHeavy(tb, c.seq, c.seqRows, c.idxScans, th)
		if ok != c.want {
			t.Errorf("%s: flagged=%v, want %v", c.name, ok, c.want)
		}
		if ok && (f.Rule != "seq-scan-heavy-table" || !strings.Contains(f.Message, "91.7%") || f.Object != "public.tasks") {
			t.Errorf("%s: finding %+v", c.name, f)
		}
	}
}
