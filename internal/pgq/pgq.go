// Package pgq is the one door to the PostgreSQL parser. With cgo it is
// github.com/pganalyze/pg_query_go (libpg_query compiled in); without cgo
// (the release builds, which cross-compile with CGO_ENABLED=0) it is
// github.com/wasilibs/go-pgquery, the same parser built to WebAssembly
// and run by wazero, with the same API and the same AST types. Callers
// import the AST types from pg_query_go and call the functions here.
package pgq

import pg_query "github.com/pganalyze/pg_query_go/v6"

// Backend names the parser build in use, for `pgdeck version`.
const Backend = backend

// Split splits a script into statements with the scanner, as psql does:
// semicolons inside strings, dollar quotes and comments do not split. Each
// statement keeps its original text (comments included) without the
// terminating semicolon; empty statements are dropped.
func Split(sql string) ([]Statement, error) {
	res, err := Scan(sql)
	if err != nil {
		return nil, err
	}
	var out []Statement
	start := 0
	emit := func(end int) {
		text := sql[start:end]
		if trimmed := trimSpace(text); trimmed != "" {
			out = append(out, Statement{Text: text, Start: start, End: end})
		}
	}
	for _, tok := range res.Tokens {
		if tok.Token == pg_query.Token_ASCII_59 { // ';'
			emit(int(tok.Start))
			start = int(tok.End)
		}
	}
	emit(len(sql))
	return out, nil
}

// Statement is one statement of a script, by byte offsets into it.
type Statement struct {
	Text       string
	Start, End int
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r' || s[j-1] == '\f') {
		j--
	}
	return s[i:j]
}
