package migration

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLint1000 lints 1,000 migration files built from the rule
// testdata (dangerous and safe statements alike) in the formats of the
// four tools. The target is under one second per iteration.
func BenchmarkLint1000(b *testing.B) {
	files, err := filepath.Glob("testdata/rules/*.sql")
	if err != nil || len(files) == 0 {
		b.Fatalf("no testdata: %v", err)
	}
	var bodies []string
	for _, p := range files {
		c, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, string(c))
	}
	srcs := make([]Source, 0, 1000)
	for i := 0; i < 1000; i++ {
		body := bodies[i%len(bodies)]
		var name, content string
		switch i % 4 {
		case 0:
			name, content = fmt.Sprintf("%06d_m.up.sql", i), body
		case 1:
			name, content = fmt.Sprintf("%06d_m.sql", i), "-- +goose Up\n"+body+"-- +goose Down\nSELECT 1;\n"
		case 2:
			name, content = fmt.Sprintf("%06d_m.sql", i), "-- migrate:up\n"+body+"-- migrate:down\n"
		default:
			name, content = fmt.Sprintf("V%d__m.sql", i), body
		}
		src, ok := ReadSource(name, content)
		if !ok {
			b.Fatalf("%s not read", name)
		}
		srcs = append(srcs, src)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Lint(srcs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
