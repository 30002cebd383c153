package pgtmp

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// RunTests is the body of a test package's TestMain: it starts a
// throwaway server with opts, hands it to set, runs the tests, and stops
// the server before returning the exit code (so os.Exit never skips the
// cleanup). A server that cannot start fails the package, never skips it.
//
//	func TestMain(m *testing.M) {
//		os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
//	}
func RunTests(m *testing.M, opts Options, set func(*Server)) int {
	s, err := Start(context.Background(), opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "start throwaway server:", err)
		return 1
	}
	defer s.Close()
	set(s)
	return m.Run()
}
