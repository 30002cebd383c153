package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newIn writes files into a fresh folder, runs New, and returns the base
// names written and the folder read back.
func newIn(t *testing.T, files map[string]string, name string, o NewOptions) ([]string, Folder) {
	t.Helper()
	dir := t.TempDir()
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := New(dir, name, o)
	if err != nil {
		t.Fatalf("New(%q) in %v: %v", name, files, err)
	}
	var bases []string
	for _, p := range paths {
		bases = append(bases, filepath.Base(p))
	}
	f, err := ReadFolder(dir)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	return bases, f
}

// last is the folder's newest migration.
func last(f Folder) File { return f.Files[len(f.Files)-1] }

var stamp = time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("X", 3600))

// TestNewFormats: each tool's folder gets a file it reads as its own,
// with the next version in the folder's style, read back by pgdeck as the
// newest migration of that format.
func TestNewFormats(t *testing.T) {
	o := NewOptions{Now: stamp}
	cases := []struct {
		what    string
		files   map[string]string
		tool    Tool
		want    []string
		format  Tool
		version string
	}{
		{"golang-migrate, empty", nil, "", []string{"000001_add_users_table.up.sql", "000001_add_users_table.down.sql"}, GolangMigrate, "1"},
		{"golang-migrate", map[string]string{"0007_x.up.sql": "SELECT 1;", "0007_x.down.sql": ""}, "", []string{"0008_add_users_table.up.sql", "0008_add_users_table.down.sql"}, GolangMigrate, "8"},
		{"goose, timestamps", map[string]string{"20240101000000_a.sql": "-- +goose Up\nSELECT 1;\n-- +goose Down\n"}, "", []string{"20250304040607_add_users_table.sql"}, Goose, "20250304040607"},
		{"goose, sequential", map[string]string{"00003_a.sql": "-- +goose Up\nSELECT 1;\n"}, "", []string{"00004_add_users_table.sql"}, Goose, "4"},
		{"goose, empty", nil, Goose, []string{"20250304040607_add_users_table.sql"}, Goose, "20250304040607"},
		{"dbmate", map[string]string{"20240101000000_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n"}, "", []string{"20250304040607_add_users_table.sql"}, Dbmate, "20250304040607"},
		{"dbmate, clock behind", map[string]string{"20300101000000_a.sql": "-- migrate:up\nSELECT 1;\n"}, "", []string{"20300101000001_add_users_table.sql"}, Dbmate, "20300101000001"},
		{"flyway", map[string]string{"V1__a.sql": "SELECT 1;", "V2_1__b.sql": "SELECT 1;", "R__views.sql": "SELECT 1;"}, "", []string{"V3__add_users_table.sql"}, Flyway, "3"},
		{"flyway, padded", map[string]string{"V009__a.sql": "SELECT 1;"}, Flyway, []string{"V010__add_users_table.sql"}, Flyway, "010"},
		{"flyway, empty", nil, Flyway, []string{"V1__add_users_table.sql"}, Flyway, "1"},
	}
	for _, c := range cases {
		o.Tool = c.tool
		got, folder := newIn(t, c.files, "Add users table!", o)
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: wrote %v, want %v", c.what, got, c.want)
			continue
		}
		f := last(folder)
		if f.Format != c.format || f.Version != c.version || f.UpPath != c.want[0] {
			t.Errorf("%s: read back as %s version %s (%s)", c.what, f.Format, f.Version, f.UpPath)
		}
		if c.format == Goose || c.format == Dbmate {
			if f.Down == "" {
				t.Errorf("%s: no down section in %q", c.what, f.Raw)
			}
		}
	}
}

func TestNewRefusals(t *testing.T) {
	dir := t.TempDir()
	for n, body := range map[string]string{"001_a.up.sql": "SELECT 1;", "20240101000000_b.sql": "-- +goose Up\nSELECT 1;\n"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := New(dir, "x", NewOptions{}); err == nil || !strings.Contains(err.Error(), "mixes") {
		t.Errorf("mixed folder: %v", err)
	}
	if _, err := New(t.TempDir(), "!!! ---", NewOptions{}); err == nil {
		t.Error("a name without letters accepted")
	}
	if _, err := New(t.TempDir(), "x", NewOptions{Tool: Prisma}); err == nil || !strings.Contains(err.Error(), "prisma") {
		t.Errorf("prisma: %v", err)
	}
	gm := t.TempDir()
	if err := os.WriteFile(filepath.Join(gm, "001_a.up.sql"), []byte("SELECT 1;"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(gm, "x", NewOptions{Tool: Goose}); err == nil || !strings.Contains(err.Error(), "not goose") {
		t.Errorf("--tool against the folder: %v", err)
	}
	got, _ := newIn(t, nil, "x\x1b[2Jy", NewOptions{})
	if got[0] != "000001_x_2jy.up.sql" {
		t.Errorf("control characters: %q", got)
	}
}
