//go:build !cgo

package pgq

import (
	"errors"

	wasm "github.com/wasilibs/go-pgquery"
	wasmparser "github.com/wasilibs/go-pgquery/parser"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

const backend = "libpg_query (WebAssembly, no cgo)"

// Parse parses SQL into the PostgreSQL AST.
func Parse(sql string) (*pg_query.ParseResult, error) { return wasm.Parse(sql) }

// Scan runs PostgreSQL's lexer over SQL, comments included.
func Scan(sql string) (*pg_query.ScanResult, error) { return wasm.Scan(sql) }

// Normalize replaces constants with $n placeholders.
func Normalize(sql string) (string, error) { return wasm.Normalize(sql) }

// Fingerprint identifies a statement's shape regardless of constants.
func Fingerprint(sql string) (string, error) { return wasm.Fingerprint(sql) }

// Deparse turns an AST back into SQL.
func Deparse(tree *pg_query.ParseResult) (string, error) { return wasm.Deparse(tree) }

// SyntaxError returns the parser's message and 1-based cursor position
// (0 when unknown) when err is a parse error.
func SyntaxError(err error) (msg string, cursor int, ok bool) {
	var pe *wasmparser.Error
	if errors.As(err, &pe) {
		return pe.Message, pe.Cursorpos, true
	}
	return "", 0, false
}
