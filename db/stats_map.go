package db

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/pgdeck/pgdeck/report"
)

// QueryStat is one pg_stat_statements entry of the current database, in
// the same terms whatever the server version. Times are milliseconds.
// Figures an older version does not keep are nil.
type QueryStat struct {
	// QueryID is nil when the row belongs to another user and the role may
	// not see it (no superuser, no pg_read_all_stats).
	QueryID *report.ID64 `json:"queryid"`
	UserID  uint32       `json:"userid"`
	// TopLevel is nil before PostgreSQL 14.
	TopLevel *bool `json:"toplevel"`
	// Query is the normalised text; empty until fetched, "<hidden>"-style
	// markers are never invented here (see Hidden).
	Query string `json:"query"`

	Calls    int64   `json:"calls"`
	TotalMs  float64 `json:"total_ms"`
	MeanMs   float64 `json:"mean_ms"`
	MinMs    float64 `json:"min_ms"`
	MaxMs    float64 `json:"max_ms"`
	StddevMs float64 `json:"stddev_ms"`
	Rows     int64   `json:"rows"`
	// Plans and PlanMs need PostgreSQL 13+ and track_planning.
	Plans  *int64   `json:"plans"`
	PlanMs *float64 `json:"plan_ms"`

	SharedBlksHit     int64 `json:"shared_blks_hit"`
	SharedBlksRead    int64 `json:"shared_blks_read"`
	SharedBlksDirtied int64 `json:"shared_blks_dirtied"`
	SharedBlksWritten int64 `json:"shared_blks_written"`
	LocalBlksHit      int64 `json:"local_blks_hit"`
	LocalBlksRead     int64 `json:"local_blks_read"`
	TempBlksRead      int64 `json:"temp_blks_read"`
	TempBlksWritten   int64 `json:"temp_blks_written"`
	// BlkReadMs/BlkWriteMs are shared-block I/O times (blk_read_time
	// before 17, shared_blk_read_time from 17); zero without
	// track_io_timing.
	BlkReadMs  float64 `json:"blk_read_ms"`
	BlkWriteMs float64 `json:"blk_write_ms"`
	// WAL figures need PostgreSQL 13+.
	WALRecords *int64 `json:"wal_records"`
	WALFPI     *int64 `json:"wal_fpi"`
	WALBytes   *int64 `json:"wal_bytes"`
}

// Hidden reports whether the role may not see this entry's text and id.
func (s QueryStat) Hidden() bool { return s.QueryID == nil }

// Key identifies an entry across polls: the same queryid may appear once
// per user and per top-level flag.
func (s QueryStat) Key() string {
	id := "?"
	if s.QueryID != nil {
		id = strconv.FormatInt(int64(*s.QueryID), 10)
	}
	top := ""
	if s.TopLevel != nil && !*s.TopLevel {
		top = "/nested"
	}
	return fmt.Sprintf("%s/%d%s", id, s.UserID, top)
}

// HitRatio is the share of shared blocks found in the buffer cache, or
// nil when the statement read no shared block.
func (s QueryStat) HitRatio() *float64 {
	n := s.SharedBlksHit + s.SharedBlksRead
	if n == 0 {
		return nil
	}
	r := float64(s.SharedBlksHit) / float64(n)
	return &r
}

// pgssColumns maps our field to the column names it has had, newest
// first: total_time became total_exec_time in 13, blk_read_time became
// shared_blk_read_time in 17.
var pgssColumns = map[string][]string{
	"calls":               {"calls"},
	"total":               {"total_exec_time", "total_time"},
	"mean":                {"mean_exec_time", "mean_time"},
	"min":                 {"min_exec_time", "min_time"},
	"max":                 {"max_exec_time", "max_time"},
	"stddev":              {"stddev_exec_time", "stddev_time"},
	"rows":                {"rows"},
	"plans":               {"plans"},
	"plan":                {"total_plan_time"},
	"shared_blks_hit":     {"shared_blks_hit"},
	"shared_blks_read":    {"shared_blks_read"},
	"shared_blks_dirtied": {"shared_blks_dirtied"},
	"shared_blks_written": {"shared_blks_written"},
	"local_blks_hit":      {"local_blks_hit"},
	"local_blks_read":     {"local_blks_read"},
	"temp_blks_read":      {"temp_blks_read"},
	"temp_blks_written":   {"temp_blks_written"},
	"blk_read":            {"shared_blk_read_time", "blk_read_time"},
	"blk_write":           {"shared_blk_write_time", "blk_write_time"},
	"wal_records":         {"wal_records"},
	"wal_fpi":             {"wal_fpi"},
	"wal_bytes":           {"wal_bytes"},
}

// ParseQueryStat maps one pg_stat_statements row, as row_to_json (or
// to_jsonb) printed it, onto a QueryStat whatever the server version's
// column names.
func ParseQueryStat(row []byte) (QueryStat, error) {
	dec := json.NewDecoder(bytes.NewReader(row))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return QueryStat{}, fmt.Errorf("pg_stat_statements row: %w", err)
	}
	if m == nil {
		return QueryStat{}, fmt.Errorf("pg_stat_statements row: not an object")
	}
	return mapQueryStat(func(name string) (string, bool, error) {
		switch v := m[name].(type) {
		case nil:
			return "", false, nil
		case json.Number:
			return string(v), true, nil
		case string:
			return v, true, nil
		case bool:
			return strconv.FormatBool(v), true, nil
		default:
			return "", false, fmt.Errorf("column %s: want a number, got %T", name, v)
		}
	})
}

// textRow reads pg_stat_statements rows in the text format (the simple
// protocol), naming each value by its column: no JSON per row, which cost
// 45 µs a row — a fifth of a second for a full pg_stat_statements of
// 5,000 entries on a loaded machine.
type textRow struct {
	index map[string]int
	raw   [][]byte
}

func newTextRow(names []string) *textRow {
	t := &textRow{index: make(map[string]int, len(names))}
	for i, n := range names {
		t.index[n] = i
	}
	return t
}

// parse maps one row's raw text values (nil for NULL).
func (t *textRow) parse(raw [][]byte) (QueryStat, error) {
	t.raw = raw
	return mapQueryStat(func(name string) (string, bool, error) {
		i, ok := t.index[name]
		if !ok || i >= len(t.raw) || t.raw[i] == nil {
			return "", false, nil
		}
		v := string(t.raw[i])
		switch v { // booleans in the text format
		case "t":
			v = "true"
		case "f":
			v = "false"
		}
		return v, true, nil
	})
}

// mapQueryStat builds a QueryStat from a row read column by column: get
// returns a column's value as text, and false when the column is absent
// or NULL.
func mapQueryStat(get func(name string) (string, bool, error)) (QueryStat, error) {
	p := rowParser{get: get}
	var s QueryStat
	if id := p.intp("queryid"); id != nil {
		v := report.ID64(*id)
		s.QueryID = &v
	}
	if u := p.intp("userid"); u != nil {
		s.UserID = uint32(*u)
	}
	if v, ok, err := get("toplevel"); err == nil && ok {
		b := v == "true"
		s.TopLevel = &b
	}
	if q, ok, err := get("query"); err == nil && ok {
		s.Query = q
	}
	s.Calls = p.int("calls")
	s.TotalMs, s.MeanMs, s.MinMs = p.float("total"), p.float("mean"), p.float("min")
	s.MaxMs, s.StddevMs, s.Rows = p.float("max"), p.float("stddev"), p.int("rows")
	s.Plans, s.PlanMs = p.intp("plans"), p.floatp("plan")
	s.SharedBlksHit, s.SharedBlksRead = p.int("shared_blks_hit"), p.int("shared_blks_read")
	s.SharedBlksDirtied, s.SharedBlksWritten = p.int("shared_blks_dirtied"), p.int("shared_blks_written")
	s.LocalBlksHit, s.LocalBlksRead = p.int("local_blks_hit"), p.int("local_blks_read")
	s.TempBlksRead, s.TempBlksWritten = p.int("temp_blks_read"), p.int("temp_blks_written")
	s.BlkReadMs, s.BlkWriteMs = p.float("blk_read"), p.float("blk_write")
	s.WALRecords, s.WALFPI, s.WALBytes = p.intp("wal_records"), p.intp("wal_fpi"), p.intp("wal_bytes")
	if p.err != nil {
		return QueryStat{}, fmt.Errorf("pg_stat_statements row: %w", p.err)
	}
	return s, nil
}

// rowParser reads numbers out of a row, remembering the first malformed
// value.
type rowParser struct {
	get func(name string) (string, bool, error)
	err error
}

// lookup finds the first column name the field has had in this row.
func (p *rowParser) lookup(field string) (json.Number, bool) {
	names, ok := pgssColumns[field]
	if !ok {
		names = []string{field}
	}
	for _, n := range names {
		v, present, err := p.get(n)
		if err != nil {
			if p.err == nil {
				p.err = err
			}
			return "", false
		}
		if !present {
			continue
		}
		// JSON prints oid and some numeric types as strings; the text
		// format prints everything so.
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			if p.err == nil {
				p.err = fmt.Errorf("column %s: want a number, got %q", n, v)
			}
			return "", false
		}
		return json.Number(v), true
	}
	return "", false
}

func (p *rowParser) floatp(field string) *float64 {
	n, ok := p.lookup(field)
	if !ok {
		return nil
	}
	f, err := n.Float64()
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s: %w", field, err)
	}
	return &f
}

func (p *rowParser) intp(field string) *int64 {
	n, ok := p.lookup(field)
	if !ok {
		return nil
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		// numeric columns (wal_bytes) may exceed int64 or carry a fraction.
		f, ferr := n.Float64()
		if ferr != nil {
			if p.err == nil {
				p.err = fmt.Errorf("%s: %w", field, err)
			}
			return nil
		}
		switch {
		case f >= math.MaxInt64:
			i = math.MaxInt64
		case f <= math.MinInt64:
			i = math.MinInt64
		default:
			i = int64(f)
		}
	}
	return &i
}

func (p *rowParser) float(field string) float64 {
	if f := p.floatp(field); f != nil {
		return *f
	}
	return 0
}

func (p *rowParser) int(field string) int64 {
	if i := p.intp(field); i != nil {
		return *i
	}
	return 0
}
