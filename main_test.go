package main

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// srv is a throwaway server for the twins' end-to-end tests in this
// package (each test creates its own database on it).
var srv *pgtmp.Server

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	s, err := pgtmp.Start(context.Background(), pgtmp.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start throwaway server:", err)
		return 1
	}
	defer s.Close()
	srv = s
	return m.Run()
}
