// Package pgq is the one door to the PostgreSQL parser. With cgo it is
// github.com/pganalyze/pg_query_go (libpg_query compiled in); without cgo
// (the release builds, which cross-compile with CGO_ENABLED=0) it is
// github.com/wasilibs/go-pgquery, the same parser built to WebAssembly
// and run by wazero, with the same API and the same AST types. Callers
// import the AST types from pg_query_go and call the functions here.
package pgq

// Backend names the parser build in use, for `pgdeck version`.
const Backend = backend
