package db

import (
	"strings"
	"testing"
)

// Column sets of pg_stat_statements as each version prints them with
// to_jsonb (abridged to the columns QueryStat reads, plus a few it ignores).
var pgssRows = map[string]string{
	"12": `{"userid": 10, "dbid": 5, "queryid": -4611686018427387904, "query": null, "calls": 200,
		"total_time": 5000.5, "min_time": 1, "max_time": 90, "mean_time": 25.0025, "stddev_time": 3.5, "rows": 400,
		"shared_blks_hit": 90, "shared_blks_read": 10, "shared_blks_dirtied": 2, "shared_blks_written": 1,
		"local_blks_hit": 0, "local_blks_read": 0, "local_blks_dirtied": 0, "local_blks_written": 0,
		"temp_blks_read": 7, "temp_blks_written": 8, "blk_read_time": 12.5, "blk_write_time": 0.5}`,
	"13": `{"userid": 10, "dbid": 5, "queryid": 42, "query": null, "plans": 200, "total_plan_time": 40.25,
		"min_plan_time": 0.1, "max_plan_time": 1, "mean_plan_time": 0.2, "stddev_plan_time": 0.01, "calls": 200,
		"total_exec_time": 5000.5, "min_exec_time": 1, "max_exec_time": 90, "mean_exec_time": 25.0025, "stddev_exec_time": 3.5,
		"rows": 400, "shared_blks_hit": 90, "shared_blks_read": 10, "shared_blks_dirtied": 2, "shared_blks_written": 1,
		"local_blks_hit": 0, "local_blks_read": 0, "temp_blks_read": 7, "temp_blks_written": 8,
		"blk_read_time": 12.5, "blk_write_time": 0.5, "wal_records": 3, "wal_fpi": 1, "wal_bytes": 123456789012}`,
	"16": `{"userid": 10, "dbid": 5, "toplevel": true, "queryid": 42, "query": null, "plans": 200, "total_plan_time": 40.25,
		"calls": 200, "total_exec_time": 5000.5, "min_exec_time": 1, "max_exec_time": 90, "mean_exec_time": 25.0025,
		"stddev_exec_time": 3.5, "rows": 400, "shared_blks_hit": 90, "shared_blks_read": 10, "shared_blks_dirtied": 2,
		"shared_blks_written": 1, "local_blks_hit": 0, "local_blks_read": 0, "temp_blks_read": 7, "temp_blks_written": 8,
		"blk_read_time": 12.5, "blk_write_time": 0.5, "temp_blk_read_time": 0, "temp_blk_write_time": 0,
		"wal_records": 3, "wal_fpi": 1, "wal_bytes": 123456789012, "jit_functions": 0, "jit_generation_time": 0}`,
	"17": `{"userid": 10, "dbid": 5, "toplevel": false, "queryid": 42, "query": null, "plans": 200, "total_plan_time": 40.25,
		"calls": 200, "total_exec_time": 5000.5, "min_exec_time": 1, "max_exec_time": 90, "mean_exec_time": 25.0025,
		"stddev_exec_time": 3.5, "rows": 400, "shared_blks_hit": 90, "shared_blks_read": 10, "shared_blks_dirtied": 2,
		"shared_blks_written": 1, "local_blks_hit": 0, "local_blks_read": 0, "temp_blks_read": 7, "temp_blks_written": 8,
		"shared_blk_read_time": 12.5, "shared_blk_write_time": 0.5, "local_blk_read_time": 0, "local_blk_write_time": 0,
		"wal_records": 3, "wal_fpi": 1, "wal_bytes": 123456789012, "jit_deform_count": 0,
		"stats_since": "2024-09-01T10:00:00+00:00", "minmax_stats_since": "2024-09-01T10:00:00+00:00"}`,
}

func TestParseQueryStatVersions(t *testing.T) {
	for ver, row := range pgssRows {
		s, err := ParseQueryStat([]byte(row))
		if err != nil {
			t.Fatalf("%s: %v", ver, err)
		}
		if s.Calls != 200 || s.TotalMs != 5000.5 || s.MeanMs != 25.0025 || s.MinMs != 1 || s.MaxMs != 90 ||
			s.StddevMs != 3.5 || s.Rows != 400 || s.SharedBlksRead != 10 || s.SharedBlksHit != 90 ||
			s.TempBlksRead != 7 || s.TempBlksWritten != 8 || s.BlkReadMs != 12.5 || s.BlkWriteMs != 0.5 || s.UserID != 10 {
			t.Errorf("%s: common figures wrong: %+v", ver, s)
		}
		if s.QueryID == nil {
			t.Fatalf("%s: queryid lost", ver)
		}
		if r := s.HitRatio(); r == nil || *r != 0.9 {
			t.Errorf("%s: hit ratio %v", ver, r)
		}
		switch ver {
		case "12":
			if *s.QueryID != -4611686018427387904 || s.PlanMs != nil || s.Plans != nil || s.WALBytes != nil || s.TopLevel != nil {
				t.Errorf("12: %+v", s)
			}
		default:
			if s.PlanMs == nil || *s.PlanMs != 40.25 || *s.Plans != 200 || s.WALBytes == nil || *s.WALBytes != 123456789012 || *s.WALRecords != 3 {
				t.Errorf("%s: plan/wal figures: %+v", ver, s)
			}
		}
		if ver == "17" && (s.TopLevel == nil || *s.TopLevel || !strings.HasSuffix(s.Key(), "/nested")) {
			t.Errorf("17: toplevel %v key %s", s.TopLevel, s.Key())
		}
	}
}

func TestParseQueryStatHiddenAndBad(t *testing.T) {
	s, err := ParseQueryStat([]byte(`{"userid": 11, "queryid": null, "query": null, "calls": 3, "total_exec_time": 1.5}`))
	if err != nil || !s.Hidden() || s.Calls != 3 || s.TotalMs != 1.5 {
		t.Errorf("hidden row: %+v %v", s, err)
	}
	for _, bad := range []string{``, `[]`, `null`, `{"calls": "many"}`, `{"calls": 1e400}`, `{"total_time": {"x": 1}}`, "{\"calls\": 1\x00}"} {
		if _, err := ParseQueryStat([]byte(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
	// numeric wal_bytes beyond int64 is clamped, not a panic.
	s, err = ParseQueryStat([]byte(`{"queryid": 1, "wal_bytes": 123456789012345678901234567890}`))
	if err != nil || s.WALBytes == nil || *s.WALBytes <= 0 {
		t.Errorf("huge wal_bytes: %+v %v", s.WALBytes, err)
	}
}
