package pgtmp

import (
	"os"
	"path/filepath"
	"testing"
)

// Without pg_config, modules are found in lib/postgresql beside the
// binaries, where the npm builds of PostgreSQL keep them.
func TestHasLibraryWithoutPgConfig(t *testing.T) {
	root := t.TempDir()
	bin := filepath.Join(root, "bin")
	mods := filepath.Join(root, "lib", "postgresql")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(mods, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mods, "pg_stat_statements.so"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Server{BinDir: bin}
	if !s.hasLibrary("pg_stat_statements") {
		t.Error("pg_stat_statements.so in lib/postgresql was not found")
	}
	if s.hasLibrary("hypopg") {
		t.Error("hypopg found where there is none")
	}
}
