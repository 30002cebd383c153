package main

import (
	"os"
	"testing"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// srv is a throwaway server for the twins' end-to-end tests in this
// package (each test creates its own database on it).
var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}
