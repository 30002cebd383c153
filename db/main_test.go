package db

import (
	"context"
	"os"
	"testing"

	"github.com/pgdeck/pgdeck/pgtmp"
)

// srv is the throwaway server every test in this package uses.
var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{
		TCP: true,
		HBA: []string{
			"local all pwuser scram-sha-256",
			"host all pwuser 127.0.0.1/32 scram-sha-256",
		},
	}, func(s *pgtmp.Server) { srv = s }))
}

// openTest opens the test server's postgres database with cfg's flags.
func openTest(t *testing.T, cfg Config) *DB {
	t.Helper()
	if cfg.DSN == "" {
		cfg.DSN = srv.ConnString("postgres")
	}
	d, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(d.Close)
	return d
}
