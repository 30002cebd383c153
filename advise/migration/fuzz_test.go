package migration

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLint feeds arbitrary file contents through every file format: the
// linter may reject them with an error but must never panic, and every
// finding it does return must point at a line of the file.
func FuzzLint(f *testing.F) {
	files, _ := filepath.Glob("testdata/rules/*.sql")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("-- +goose Up\nALTER TABLE a ADD b int DEFAULT random();\n-- +goose Down\n")
	f.Add("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n")
	f.Add("DO $$ BEGIN PERFORM 1; END $$; /* pgdeck:ignore not-analysed */")
	f.Add("BEGIN; ALTER TYPE e ADD VALUE 'x'; SELECT 'x'::e; COMMIT;")
	f.Fuzz(func(t *testing.T, content string) {
		for _, name := range []string{"1_x.up.sql", "V1__x.sql", "x.sql"} {
			src, ok := ReadSource(name, content)
			if !ok {
				t.Fatalf("%s not read", name)
			}
			fs, err := LintSource(src, Options{})
			if err != nil {
				continue
			}
			lines := len(newLineIndex(content))
			for _, fd := range fs {
				if fd.Line < 1 || fd.Line > lines || fd.Rule == "" {
					t.Fatalf("finding out of the file: %+v (file has %d lines)", fd, lines)
				}
			}
		}
	})
}
