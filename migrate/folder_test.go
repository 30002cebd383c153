package migrate

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFlywayChecksumLineEndings(t *testing.T) {
	lf := FlywayChecksum("CREATE TABLE a (id int);\nSELECT 1;\n")
	if lf != FlywayChecksum("\uFEFFCREATE TABLE a (id int);\r\nSELECT 1;\r\n") || lf != FlywayChecksum("CREATE TABLE a (id int);\rSELECT 1;") {
		t.Error("line endings or BOM change Flyway's checksum")
	}
	if lf == FlywayChecksum("CREATE TABLE a (id int);\nSELECT 2;\n") {
		t.Error("different text, same checksum")
	}
}

func TestParseFolderFormats(t *testing.T) {
	fsys := fstest.MapFS{
		"10_b.up.sql":   {Data: []byte("CREATE INDEX CONCURRENTLY i ON t (x);")},
		"10_b.down.sql": {Data: []byte("DROP INDEX i;")},
		"9_a.up.sql":    {Data: []byte("CREATE TABLE t (x int);")},
		"11_c.down.sql": {Data: []byte("orphan down")},
		"README.md":     {Data: []byte("hi")},
	}
	f, err := ParseFolder(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Files) != 2 || f.Files[0].Version != "9" || f.Files[1].Version != "10" || !f.Files[1].NoTx || f.Files[0].NoTx || f.Files[1].Down != "DROP INDEX i;" {
		t.Fatalf("files %+v", f.Files)
	}
	if _, err := ParseFolder(fstest.MapFS{"1_a.up.sql": {Data: []byte("x")}, "001_b.up.sql": {Data: []byte("y")}}); err == nil {
		t.Error("two files of version 1 accepted")
	}
	if _, err := ParseFolder(fstest.MapFS{"meta/_journal.json": {Data: []byte(`{"entries":[{"tag":"../x"}]}`)}}); err == nil {
		t.Error("a journal tag leaving the folder accepted")
	}
	if _, err := ParseFolder(fstest.MapFS{"1_a.up.sql": {Data: []byte("CREATE TABLE (")}}); err == nil || !strings.Contains(err.Error(), "1_a.up.sql") {
		t.Errorf("bad SQL: %v, want an error naming the file", err)
	}
}

// BenchmarkStatus reads and compares a folder of 1,000 migrations.
func BenchmarkStatus(b *testing.B) {
	dir := b.TempDir()
	for i := 1; i <= 1000; i++ {
		name := filepath.Join(dir, strings.Repeat("0", 6-len(itoa(i)))+itoa(i)+"_m.up.sql")
		if err := os.WriteFile(name, []byte("ALTER TABLE t ADD COLUMN c"+itoa(i)+" int;\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	h := &History{Found: Found{Tool: Pgdeck}, Head: &Record{Version: "500", OK: true}}
	b.ResetTimer()
	for b.Loop() {
		f, err := ReadFolder(dir)
		if err != nil {
			b.Fatal(err)
		}
		if st := Compare(f, h); st.Count(Applied) != 500 {
			b.Fatal(st.Count(Applied))
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
