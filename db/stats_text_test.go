package db

import (
	"context"
	"strings"
	"testing"
)

// TestQueryStatsTextMatchesJSON checks that the text-format path the poll
// uses maps a real server's row exactly as ParseQueryStat maps the same
// row printed by row_to_json (whose column sets are tested per version).
func TestQueryStatsTextMatchesJSON(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_pgss_text", "create extension pg_stat_statements;\ncreate table w (v int);\ninsert into w select generate_series(1, 500);\n", Config{})
	for i := range 7 {
		if _, err := admin.Exec(ctx, "select count(*) from w where v > $1", i); err != nil {
			t.Fatal(err)
		}
	}
	stats, err := d.QueryStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.FillTexts(ctx, stats, map[int64]string{}); err != nil {
		t.Fatal(err)
	}
	var text *QueryStat
	for i := range stats {
		if strings.Contains(stats[i].Query, "from w where v >") {
			text = &stats[i]
		}
	}
	if text == nil || text.QueryID == nil || text.Calls != 7 || text.Rows != 7 || text.TotalMs <= 0 || text.TopLevel == nil || !*text.TopLevel ||
		text.SharedBlksHit+text.SharedBlksRead == 0 || text.WALBytes == nil {
		t.Fatalf("text path: %+v", text)
	}
	var raw []byte
	err = d.Read(ctx, func(q Querier) error {
		return q.QueryRow(ctx, "select row_to_json(s) from pg_stat_statements(showtext := false) s where queryid = $1 and userid = $2",
			int64(*text.QueryID), text.UserID).Scan(&raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	js, err := ParseQueryStat(raw)
	if err != nil {
		t.Fatal(err)
	}
	js.Query = text.Query
	if *js.QueryID != *text.QueryID || js.Key() != text.Key() || js.Calls != text.Calls || js.TotalMs != text.TotalMs ||
		js.MeanMs != text.MeanMs || js.StddevMs != text.StddevMs || *js.PlanMs != *text.PlanMs || *js.WALBytes != *text.WALBytes ||
		js.SharedBlksHit != text.SharedBlksHit || js.BlkReadMs != text.BlkReadMs || js.UserID != text.UserID {
		t.Errorf("text %+v\njson %+v", *text, js)
	}

	// Malformed text values are errors, not zeros.
	tr := newTextRow([]string{"queryid", "calls", "toplevel"})
	if _, err := tr.parse([][]byte{[]byte("12"), []byte("many"), []byte("t")}); err == nil {
		t.Error("calls = many: want an error")
	}
	s, err := tr.parse([][]byte{nil, []byte("3"), []byte("f")})
	if err != nil || s.QueryID != nil || s.Calls != 3 || s.TopLevel == nil || *s.TopLevel {
		t.Errorf("hidden row: %+v %v", s, err)
	}
}
