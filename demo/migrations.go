package demo

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// migrationFS holds the sample migrations folder, in golang-migrate's file
// format (NNN_name.up.sql / NNN_name.down.sql).
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// AppliedVersion is the latest migration Load applies and records in
// golang-migrate's schema_migrations table (with dirty = false).
const AppliedVersion int64 = 6

// PendingVersions are the versions of the migrations that Load does not
// apply: 7 is safe, 8 and 9 are dangerous (see DangerousMigrations).
var PendingVersions = []int64{7, 8, 9}

// DangerousMigrations names the pending up files a migration linter must
// flag, with the rule id each one breaks.
var DangerousMigrations = map[string]string{
	"008_add_tasks_updated_at_index.up.sql": "create-index-not-concurrently",
	"009_projects_budget_numeric.up.sql":    "change-column-type",
}

// MigrationFiles returns the names of all files of the sample migrations
// folder, sorted.
func MigrationFiles() []string {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// WriteMigrations writes the sample migrations folder into dir, creating
// dir if needed. It never overwrites: if a file of the same name already
// exists it fails and says which.
func WriteMigrations(dir string) error {
	if dir == "" {
		return errors.New("write migrations: empty directory name")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write migrations: %w", err)
	}
	for _, name := range MigrationFiles() {
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return fmt.Errorf("write migrations: read %s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("write migrations: %w", err)
		}
		_, werr := f.Write(body)
		cerr := f.Close()
		if werr != nil || cerr != nil {
			return fmt.Errorf("write migrations: %s: %w", path, errors.Join(werr, cerr))
		}
	}
	return nil
}

// appliedUpFiles returns the bodies of the up migrations up to and
// including AppliedVersion, in order, with their file names.
func appliedUpFiles() ([]string, []string, error) {
	var names, bodies []string
	for _, name := range MigrationFiles() {
		if !strings.HasSuffix(name, ".up.sql") {
			continue
		}
		v, err := migrationVersion(name)
		if err != nil {
			return nil, nil, err
		}
		if v > AppliedVersion {
			continue
		}
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", name, err)
		}
		names = append(names, name)
		bodies = append(bodies, string(body))
	}
	return names, bodies, nil
}

// migrationVersion parses the leading number of a golang-migrate file name.
func migrationVersion(name string) (int64, error) {
	num, _, ok := strings.Cut(name, "_")
	if !ok {
		return 0, fmt.Errorf("migration %q: no version prefix", name)
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("migration %q: bad version: %w", name, err)
	}
	return v, nil
}
