//go:build !cgo

package pgq

import (
	wasm "github.com/wasilibs/go-pgquery"

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
