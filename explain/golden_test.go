package explain

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/report"
)

// TestGolden renders captured plans (text analysis, JSON report, markdown)
// and compares them with testdata/golden; -update rewrites the goldens.
func TestGolden(t *testing.T) {
	var files []string
	for _, pat := range []string{"*-analyze.txt", "*-verbose.json", "*-timeoff.txt", "*-plain.json"} {
		m, _ := filepath.Glob(filepath.Join("testdata", "plans", pat))
		files = append(files, m...)
	}
	files = append(files, "testdata/compare/before.txt")
	if len(files) < 60 {
		t.Fatalf("only %d plans for goldens", len(files))
	}
	for _, f := range files {
		p := mustParse(t, readFile(t, f))
		fs := Findings(p, Options{})
		var buf bytes.Buffer
		if err := WriteText(&buf, p, fs); err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + "-" + strings.TrimPrefix(filepath.Ext(f), ".")
		golden(t, base+".txt", buf.Bytes())
		if strings.HasSuffix(f, "-analyze.txt") {
			buf.Reset()
			if err := report.WriteJSON(&buf, NewReport(p, fs)); err != nil {
				t.Fatal(err)
			}
			golden(t, base+".json", buf.Bytes())
			buf.Reset()
			if err := WriteMarkdown(&buf, p, fs); err != nil {
				t.Fatal(err)
			}
			golden(t, base+".md", buf.Bytes())
		}
	}
	var buf bytes.Buffer
	c := Compare(mustParse(t, readFile(t, "testdata/compare/before.txt")), mustParse(t, readFile(t, "testdata/compare/after.json")))
	if err := WriteCompareText(&buf, c); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.txt", buf.Bytes())
	buf.Reset()
	if err := report.WriteJSON(&buf, NewCompareReport(c)); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.json", buf.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		write(t, path, string(got))
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
