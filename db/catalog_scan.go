package db

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// The big catalog queries (relations, columns, constraints, indexes)
// return 100,000 rows on a database of 10,000 tables. They are read from
// the raw row values instead of through pgx's reflective struct mapping:
// no per-row allocation beyond the strings kept, and repeated strings
// (schema, type and column names) shared through an interner.

// rawRows walks the rows of one catalog query sent with the extended
// protocol in a single round trip (QueryExecModeExec: no separate
// prepare/describe), which also makes every result column text format;
// the decoders still accept binary values in case a driver setting
// changes that.
type rawRows struct {
	rows pgx.Rows
	vals [][]byte
	fmts []int16
	err  error
	tm   *pgtype.Map
}

// queryRaw runs the embedded query name with args in one round trip.
func queryRaw(ctx context.Context, q Querier, name string, args ...any) (*rawRows, error) {
	rows, err := q.Query(ctx, query(name), append([]any{pgx.QueryExecModeExec}, args...)...)
	if err != nil {
		return nil, err
	}
	fds := rows.FieldDescriptions()
	r := &rawRows{rows: rows, fmts: make([]int16, len(fds))}
	for i, fd := range fds {
		r.fmts[i] = fd.Format
	}
	return r, nil
}

// next advances to the next row.
func (r *rawRows) next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	r.vals = r.rows.RawValues()
	return true
}

// close ends the query and returns its error or the first decoding error.
func (r *rawRows) close() error {
	r.rows.Close()
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

func (r *rawRows) fail(i int, what string, v []byte) {
	if r.err == nil {
		r.err = fmt.Errorf("column %d: cannot read %q as %s", i+1, v, what)
	}
}

// null reports whether column i is NULL.
func (r *rawRows) null(i int) bool { return r.vals[i] == nil }

// bytes is column i's raw text (valid until the next row).
func (r *rawRows) bytes(i int) []byte { return r.vals[i] }

// str is column i as a new string ("" for NULL).
func (r *rawRows) str(i int) string { return string(r.vals[i]) }

// int returns an integer column (0 for NULL).
func (r *rawRows) int(i int) int64 {
	v := r.vals[i]
	if v == nil {
		return 0
	}
	if r.fmts[i] == pgx.BinaryFormatCode {
		switch len(v) {
		case 2:
			return int64(int16(binary.BigEndian.Uint16(v)))
		case 4:
			return int64(int32(binary.BigEndian.Uint32(v)))
		case 8:
			return int64(binary.BigEndian.Uint64(v))
		}
		r.fail(i, "integer", v)
		return 0
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		r.fail(i, "integer", v)
	}
	return n
}

// float returns a float column; ok is false for NULL.
func (r *rawRows) float(i int) (float64, bool) {
	v := r.vals[i]
	if v == nil {
		return 0, false
	}
	if r.fmts[i] == pgx.BinaryFormatCode {
		switch len(v) {
		case 4:
			return float64(math.Float32frombits(binary.BigEndian.Uint32(v))), true
		case 8:
			return math.Float64frombits(binary.BigEndian.Uint64(v)), true
		}
		r.fail(i, "float", v)
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		r.fail(i, "float", v)
	}
	return f, true
}

// bool returns a boolean column (false for NULL).
func (r *rawRows) bool(i int) bool {
	v := r.vals[i]
	if len(v) == 0 {
		return false
	}
	if r.fmts[i] == pgx.BinaryFormatCode {
		return v[0] == 1
	}
	return v[0] == 't'
}

// textArray decodes a text[] column (nil for NULL) with pgx's own codec:
// these columns are rare (storage options, expression keys).
func (r *rawRows) textArray(i int) []string {
	v := r.vals[i]
	if v == nil {
		return nil
	}
	if r.tm == nil {
		r.tm = pgtype.NewMap()
	}
	var out []string
	if err := r.tm.Scan(pgtype.TextArrayOID, r.fmts[i], v, &out); err != nil {
		r.fail(i, "text[]", v)
	}
	return out
}

// ints parses an int2vector or int2[] printed as text ("1 3" or "{1,3}")
// into dst, reusing its storage.
func (r *rawRows) ints(i int, dst []int16) []int16 {
	dst = dst[:0]
	v := r.vals[i]
	n, in := 0, false
	neg := false
	for j := 0; j <= len(v); j++ {
		if j < len(v) && v[j] >= '0' && v[j] <= '9' {
			n, in = n*10+int(v[j]-'0'), true
			continue
		}
		if j < len(v) && v[j] == '-' {
			neg = true
			continue
		}
		if in {
			if neg {
				n = -n
			}
			dst = append(dst, int16(n))
		}
		n, in, neg = 0, false, false
	}
	return dst
}

// words splits column i (an oidvector or int2vector as text) on spaces.
func (r *rawRows) words(i int) []string { return strings.Fields(string(r.vals[i])) }

// interner shares one string per distinct value: a catalog repeats the
// same schema, owner, type and column names thousands of times.
type interner map[string]string

// get returns the shared copy of b.
func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}
