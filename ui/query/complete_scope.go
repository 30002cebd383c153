package query

import (
	"github.com/pgdeck/pgdeck/internal/pgq"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// relRef is a relation named in a FROM or JOIN clause.
type relRef struct{ schema, name string }

// scope maps the names a statement's FROM, JOIN, UPDATE and INTO clauses
// give their relations — aliases and bare relation names — to the
// relations. It reads PostgreSQL's scanner tokens rather than a parse
// tree, so it works on the half-written statement being completed; a
// statement the scanner rejects (an open quote) has an empty scope.
func scope(stmt string) map[string]relRef {
	res, err := pgq.Scan(stmt)
	if err != nil {
		return nil
	}
	toks := res.Tokens
	out := map[string]relRef{}
	text := func(i int) string { return identText(stmt[toks[i].Start:toks[i].End]) }
	is := func(i int, t pg_query.Token) bool { return i < len(toks) && toks[i].Token == t }
	inFrom, expect := false, false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.Token {
		case pg_query.Token_FROM, pg_query.Token_JOIN, pg_query.Token_UPDATE, pg_query.Token_INTO:
			inFrom, expect = true, true
			continue
		}
		if !inFrom {
			continue
		}
		if !expect {
			switch t.Token {
			case pg_query.Token_ASCII_44: // ,
				expect = true
			case pg_query.Token_ON, pg_query.Token_USING, pg_query.Token_AS, pg_query.Token_IDENT,
				pg_query.Token_LEFT, pg_query.Token_RIGHT, pg_query.Token_FULL, pg_query.Token_INNER_P,
				pg_query.Token_OUTER_P, pg_query.Token_CROSS, pg_query.Token_NATURAL, pg_query.Token_LATERAL_P:
			default:
				inFrom = false
			}
			continue
		}
		expect = false
		switch {
		case t.Token == pg_query.Token_ONLY || t.Token == pg_query.Token_LATERAL_P:
			expect = true
		case t.Token == pg_query.Token_ASCII_40: // a subquery or function: skip it
			i = skipParens(toks, i)
		case nameToken(t):
			ref := relRef{name: text(i)}
			if is(i+1, pg_query.Token_ASCII_46) && i+2 < len(toks) && nameToken(toks[i+2]) {
				ref = relRef{schema: ref.name, name: text(i + 2)}
				i += 2
			}
			out[ref.name] = ref
			j := i + 1
			if is(j, pg_query.Token_AS) {
				j++
			}
			if j < len(toks) && aliasToken(toks[j]) {
				out[text(j)] = ref
				i = j
			}
		default:
			inFrom = false
		}
	}
	return out
}

// skipParens returns the index of the parenthesis closing the one at i.
func skipParens(toks []*pg_query.ScanToken, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch toks[i].Token {
		case pg_query.Token_ASCII_40:
			depth++
		case pg_query.Token_ASCII_41:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// nameToken says a token can name a relation: an identifier or a keyword
// PostgreSQL accepts as one.
func nameToken(t *pg_query.ScanToken) bool {
	return t.Token == pg_query.Token_IDENT || t.KeywordKind == pg_query.KeywordKind_UNRESERVED_KEYWORD ||
		t.KeywordKind == pg_query.KeywordKind_COL_NAME_KEYWORD
}

// aliasToken says a token after a relation is its alias rather than the
// next clause.
func aliasToken(t *pg_query.ScanToken) bool {
	if t.Token == pg_query.Token_SET || t.Token == pg_query.Token_TABLESAMPLE {
		return false // UPDATE t SET; FROM t TABLESAMPLE
	}
	return t.Token == pg_query.Token_IDENT || t.KeywordKind == pg_query.KeywordKind_UNRESERVED_KEYWORD
}

// identText is the name an identifier denotes: quoted ones as written,
// others folded to lower case, as PostgreSQL does.
func identText(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return strings.ToLower(s)
}
