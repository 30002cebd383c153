package db

import (
	"fmt"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// Statement is one statement of a script, without its terminating
// semicolon. Start and End are byte offsets of the statement's text in the
// script, so the editor can find the statement under the cursor and put a
// caret at an error position.
type Statement struct {
	SQL        string
	Start, End int
}

// SplitScript cuts a script into statements with PostgreSQL's own scanner,
// so semicolons inside strings, E'…' strings, dollar quotes, quoted
// identifiers and comments never split a statement. A backslash outside
// them starts a psql meta-command, which runs to the end of its line and
// is returned as a statement of its own (SQL starting with \); SQL
// before it on the line ends there, as psql sends its buffer. Pieces holding only
// comments and white space are dropped. A script the scanner rejects (an
// unterminated quote, say) is returned as one statement so the server can
// report the error in its own words.
func SplitScript(script string) ([]Statement, error) {
	res, err := pgq.Scan(script)
	if err != nil {
		if strings.TrimSpace(script) == "" {
			return nil, nil
		}
		return []Statement{trimmed(script, 0, len(script))}, fmt.Errorf("split statements: %w", err)
	}
	var out []Statement
	start := 0
	hasCode := false
	// Inside CREATE FUNCTION … BEGIN ATOMIC … END semicolons end inner
	// statements, not the outer one.
	atomic, cases := 0, 0
	var prev pg_query.Token
	skipTo := 0
	for _, tok := range res.Tokens {
		t := tok.Token
		if int(tok.Start) < skipTo {
			continue
		}
		if t == pg_query.Token_ASCII_92 && atomic == 0 {
			if hasCode {
				out = append(out, trimmed(script, start, int(tok.Start)))
			}
			end := strings.IndexByte(script[tok.Start:], '\n')
			if end < 0 {
				end = len(script)
			} else {
				end += int(tok.Start)
			}
			out = append(out, trimmed(script, int(tok.Start), end))
			start, skipTo, hasCode = end, end, false
			continue
		}
		if t == pg_query.Token_SQL_COMMENT || t == pg_query.Token_C_COMMENT {
			continue
		}
		switch {
		case t == pg_query.Token_ATOMIC && prev == pg_query.Token_BEGIN_P:
			atomic++
		case t == pg_query.Token_CASE && atomic > 0:
			cases++
		case t == pg_query.Token_END_P && cases > 0:
			cases--
		case t == pg_query.Token_END_P && atomic > 0:
			atomic--
		}
		prev = t
		if t == pg_query.Token_ASCII_59 && atomic == 0 {
			if hasCode {
				out = append(out, trimmed(script, start, int(tok.Start)))
			}
			start = int(tok.End)
			hasCode = false
			continue
		}
		hasCode = true
	}
	if hasCode {
		out = append(out, trimmed(script, start, len(script)))
	}
	return out, nil
}

// trimmed returns script[start:end] without surrounding white space, with
// offsets adjusted to match.
func trimmed(script string, start, end int) Statement {
	s := script[start:end]
	lead := len(s) - len(strings.TrimLeft(s, " \t\r\n\f"))
	s = strings.TrimSpace(s)
	return Statement{SQL: s, Start: start + lead, End: start + lead + len(s)}
}

// StatementAt returns the statement the byte offset pos lies in or, when
// pos is between statements, the nearest one before it.
func StatementAt(stmts []Statement, pos int) (Statement, bool) {
	var best Statement
	found := false
	for _, s := range stmts {
		if s.Start <= pos || !found {
			best, found = s, true
		}
		if pos <= s.End {
			break
		}
	}
	return best, found
}
