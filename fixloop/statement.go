package fixloop

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/pgq"
)

// MaxStatementBytes bounds the statement the loop accepts: it is planned,
// rendered and written into reports, and nobody pastes a megabyte query.
const MaxStatementBytes = 1 << 20

// Statement is the statement being fixed and the values of its
// parameters.
type Statement struct {
	// SQL is the statement as given (a normalised pg_stat_statements text
	// keeps its $1, $2…).
	SQL string `json:"sql"`
	// Params are the values typed for $1, $2…, as text; the server types
	// them as it would a parameter.
	Params []string `json:"params"`
	// NParams is the highest $n the statement uses.
	NParams int `json:"param_count"`
	// QueryID is the pg_stat_statements id it came from, if any.
	QueryID *int64 `json:"queryid,omitempty"`
	// Writes says the statement changes data, so ANALYZE would run a write.
	Writes bool `json:"writes"`
}

// NewStatement checks sql and its values: one plannable statement, no
// control characters but layout, as many values as parameters (or none at
// all: then the loop plans it generically).
func NewStatement(sql string, params []string) (Statement, error) {
	sql = strings.TrimSpace(sql)
	if sql == "" {
		return Statement{}, errors.New("no statement given")
	}
	if len(sql) > MaxStatementBytes {
		return Statement{}, fmt.Errorf("the statement is %d bytes; at most %d are accepted", len(sql), MaxStatementBytes)
	}
	if i := strings.IndexFunc(sql, badControl); i >= 0 {
		return Statement{}, fmt.Errorf("the statement contains a control character (%q at byte %d)", sql[i], i)
	}
	chk, err := db.CheckExplain(sql)
	if err != nil {
		return Statement{}, err
	}
	n, err := paramCount(sql)
	if err != nil {
		return Statement{}, err
	}
	for i, p := range params {
		if strings.ContainsRune(p, 0) {
			return Statement{}, fmt.Errorf("value %d contains a NUL byte", i+1)
		}
	}
	switch {
	case len(params) > 0 && len(params) != n:
		return Statement{}, fmt.Errorf("%d value(s) given but the statement takes %d parameter(s) ($1…$%d): give one --param per parameter, or none for a generic plan", len(params), n, n)
	}
	return Statement{SQL: sql, Params: params, NParams: n, Writes: chk.Writes}, nil
}

func badControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f
}

// Generic reports whether the statement has parameters with no values:
// it can only be planned generically, never run.
func (s Statement) Generic() bool { return s.NParams > 0 && len(s.Params) == 0 }

// Bound is the statement with its values written in as quoted literals,
// so that EXPLAIN ANALYZE runs it and the planner sees the values (a
// custom plan, as the application's own execution would usually get).
// An untyped literal takes the type the parameter would have had.
func (s Statement) Bound() (string, error) {
	if s.NParams == 0 || len(s.Params) == 0 {
		return s.SQL, nil
	}
	toks, err := pgq.Scan(s.SQL)
	if err != nil {
		return "", fmt.Errorf("scan statement: %w", err)
	}
	var b strings.Builder
	last := 0
	for _, t := range toks.GetTokens() {
		if t.GetToken() != pg_query.Token_PARAM {
			continue
		}
		start, end := int(t.GetStart()), int(t.GetEnd())
		n, err := strconv.Atoi(s.SQL[start+1 : end])
		if err != nil || n < 1 || n > len(s.Params) {
			return "", fmt.Errorf("parameter %s has no value", s.SQL[start:end])
		}
		b.WriteString(s.SQL[last:start])
		b.WriteString(finding.QuoteLiteral(s.Params[n-1]))
		last = end
	}
	b.WriteString(s.SQL[last:])
	return b.String(), nil
}

// paramCount returns the highest $n in sql, found with PostgreSQL's own
// scanner so that "$1" inside a string or a comment does not count.
func paramCount(sql string) (int, error) {
	toks, err := pgq.Scan(sql)
	if err != nil {
		return 0, fmt.Errorf("scan statement: %w", err)
	}
	n := 0
	for _, t := range toks.GetTokens() {
		if t.GetToken() != pg_query.Token_PARAM {
			continue
		}
		v, err := strconv.Atoi(sql[t.GetStart()+1 : t.GetEnd()])
		if err != nil || v < 1 || v > 65535 {
			return 0, fmt.Errorf("bad parameter %q", sql[t.GetStart():t.GetEnd()])
		}
		n = max(n, v)
	}
	return n, nil
}
