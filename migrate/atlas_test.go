package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAtlasHashes: the hashes pgdeck computes for an Atlas folder are the
// lines of its atlas.sum (written by a separate implementation of Atlas's
// algorithm, see testdata/history/atlas), an ignored file gets none, and
// editing a file makes the sum stale — for it and every file after it.
func TestAtlasHashes(t *testing.T) {
	src := "testdata/history/atlas"
	f, err := ReadFolder(src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(src, "atlas.sum"))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := readAtlasSum(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Files) != 3 || len(f.Warnings) != 0 {
		t.Fatalf("folder %+v", f)
	}
	for _, file := range f.Files {
		if file.Format != Atlas || file.AtlasHash != sums[file.UpPath] {
			t.Errorf("%s: %s hash %q, atlas.sum %q", file.UpPath, file.Format, file.AtlasHash, sums[file.UpPath])
		}
	}
	if f.Files[1].AtlasHash != "" {
		t.Errorf("ignored file hashed: %q", f.Files[1].AtlasHash)
	}

	dir := t.TempDir()
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		c, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "20240101000000_create_accounts.sql" {
			c = append(c, "-- edited\n"...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), c, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := ReadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0], "2 differ, e.g. 20240101000000_create_accounts.sql") {
		t.Errorf("stale atlas.sum: %v", g.Warnings)
	}
	if g.Files[2].AtlasHash == f.Files[2].AtlasHash {
		t.Error("a later file's hash ignores the edit before it")
	}
	if _, err := readAtlasSum([]byte("nope\n")); err == nil {
		t.Error("a sum file without h1: accepted")
	}
	for content, want := range map[string]bool{"-- atlas:sum ignore\nx": true, "atlas:sum  ignore": true, "-- atlas:sum ignore \n": false,
		"-- atlas:sum\n": false, "x\n-- atlas:sum ignore": false, "-- atlas:delimiter ignore\n": false} {
		if atlasSumIgnored(content) != want {
			t.Errorf("atlasSumIgnored(%q) != %v", content, want)
		}
	}
}
