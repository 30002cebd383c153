package fixloop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/migrate"
)

// Format is the file format the migration is written in.
type Format string

// The formats the loop writes.
const (
	// GolangMigrate: NNN_name.up.sql and NNN_name.down.sql.
	GolangMigrate Format = "golang-migrate"
	// Dbmate: one file with -- migrate:up / -- migrate:down.
	Dbmate Format = "dbmate"
	// Goose: one file with -- +goose Up / -- +goose Down.
	Goose Format = "goose"
	// Pgdeck: pgdeck's own, for a folder no tool has written yet; the
	// files are golang-migrate's, which pgdeck's runner applies.
	Pgdeck Format = "pgdeck"
)

// DefaultLockTimeout is the lock_timeout a written migration sets (or the
// runner sets for it): how long the build may queue for its lock.
const DefaultLockTimeout = 5 * time.Second

// Target is the folder a migration is written to.
type Target struct {
	Dir    string `json:"dir"`
	Format Format `json:"format"`
	// Created says the folder did not exist and the loop makes it.
	Created bool `json:"created"`
	// Versions are the versions of the files there; Head is the highest
	// version the database records as applied (-1: none).
	Versions []string `json:"-"`
	Head     int64    `json:"-"`
}

// OpenTarget reads the folder a migration goes into and tells its tool's
// format from its files. A folder that does not exist is created when the
// migration is written (pgdeck's own format); a folder in a format the
// loop does not write (Flyway, Prisma, Drizzle) is refused.
func OpenTarget(dir string) (Target, error) {
	t := Target{Dir: dir, Format: Pgdeck, Head: -1}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		t.Created = true
		return t, nil
	case err != nil:
		return t, fmt.Errorf("migrations folder: %w", err)
	case !st.IsDir():
		return t, fmt.Errorf("migrations folder %s is not a directory", dir)
	}
	folder, err := migrate.ReadFolder(dir)
	if err != nil {
		return t, err
	}
	for _, f := range folder.Files {
		var ff Format
		switch f.Format {
		case migrate.GolangMigrate, migrate.Sqlx:
			ff = GolangMigrate
		case migrate.Dbmate:
			ff = Dbmate
		case migrate.Goose:
			ff = Goose
		default:
			return t, fmt.Errorf("%s holds %s migrations (%s), which pgdeck fix does not write: give another folder with --dir", dir, f.Format, f.UpPath)
		}
		if t.Format != Pgdeck && t.Format != ff {
			return t, fmt.Errorf("%s mixes %s and %s files: give the folder of one tool with --dir", dir, t.Format, ff)
		}
		t.Format = ff
		// The file name's digits, which keep the folder's width (001_…).
		digits, _, _ := strings.Cut(filepath.Base(f.UpPath), "_")
		t.Versions = append(t.Versions, digits)
	}
	return t, nil
}

// nextVersion numbers the new migration after every file and every
// applied version, in the folder's width; a folder of 14-digit
// timestamps (dbmate, goose) gets the current UTC time.
func (t Target) nextVersion(now time.Time) string {
	var high uint64
	width, stamps := 6, len(t.Versions) > 0
	if t.Format == Dbmate {
		width, stamps = 14, true
	}
	for _, v := range t.Versions {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			continue
		}
		high = max(high, n)
		width = len(v)
		stamps = stamps && len(v) == 14
	}
	if t.Head >= 0 {
		high = max(high, uint64(t.Head))
	}
	if stamps {
		if n, _ := strconv.ParseUint(now.UTC().Format("20060102150405"), 10, 64); n > high {
			return strconv.FormatUint(n, 10)
		}
		return strconv.FormatUint(high+1, 10)
	}
	return fmt.Sprintf("%0*d", width, high+1)
}

// File is one file of a migration: its path in the folder and its text.
type File struct {
	Path string `json:"path"`
	Text string `json:"-"`
}

// Migration is the result of step d.
type Migration struct {
	Target  Target    `json:"target"`
	Index   Candidate `json:"index"`
	Version string    `json:"version"`
	// Files are the up file (first) and, for golang-migrate, the down file.
	Files []File `json:"files"`
	// Lint are the linter's findings on the up part: none at error level,
	// or nothing is written.
	Lint []migration.Finding `json:"lint"`
	// Written says the files are on disk; Reused that they were there
	// before this session (a pending migration building the same index).
	Written bool `json:"written"`
	Reused  bool `json:"reused"`
}

// UpPath is the path of the file holding the up migration.
func (m *Migration) UpPath() string { return m.Files[0].Path }

// Render builds the migration's files for the target's format: the index
// built CONCURRENTLY outside a transaction, as each tool needs it said,
// with lock_timeout set, and the matching DROP INDEX CONCURRENTLY down.
func Render(t Target, c Candidate, version string, lockTimeout time.Duration) *Migration {
	if lockTimeout <= 0 {
		lockTimeout = DefaultLockTimeout
	}
	m := &Migration{Target: t, Index: c, Version: version}
	slug := slugify("add_" + c.Name())
	why := "-- pgdeck fix: an index on " + commentText(c.String()) + " for the statement's Seq Scan.\n" +
		"-- CONCURRENTLY builds it without blocking writes; it cannot run inside a transaction.\n"
	set := fmt.Sprintf("SET lock_timeout = '%dms';\n", lockTimeout.Milliseconds())
	switch t.Format {
	case Dbmate:
		m.Files = []File{{Path: filepath.Join(t.Dir, version+"_"+slug+".sql"), Text: "-- migrate:up transaction:false\n" + why +
			set + c.CreateSQL() + "\nRESET lock_timeout;\n\n-- migrate:down transaction:false\n" + set + c.DropSQL() + "\nRESET lock_timeout;\n"}}
	case Goose:
		m.Files = []File{{Path: filepath.Join(t.Dir, version+"_"+slug+".sql"), Text: "-- +goose NO TRANSACTION\n-- +goose Up\n" + why +
			set + c.CreateSQL() + "\nRESET lock_timeout;\n\n-- +goose Down\n" + set + c.DropSQL() + "\nRESET lock_timeout;\n"}}
	default:
		// golang-migrate sends a file as one multi-statement query, which
		// PostgreSQL runs as one transaction: the statement must be alone,
		// and lock_timeout comes from the runner.
		runner := "-- Alone in its file (golang-migrate runs a file as one transaction); pgdeck's runner\n" +
			fmt.Sprintf("-- sets lock_timeout (%s) before running it.\n", lockTimeout)
		base := filepath.Join(t.Dir, version+"_"+slug)
		m.Files = []File{
			{Path: base + ".up.sql", Text: why + runner + c.CreateSQL() + "\n"},
			{Path: base + ".down.sql", Text: c.DropSQL() + "\n"},
		}
	}
	return m
}

// CheckLint lints the up part as its tool will run it and refuses a
// migration with error-level findings.
func (m *Migration) CheckLint(facts migration.Facts) error {
	src, ok := migration.ReadSource(m.Files[0].Path, m.Files[0].Text)
	if !ok {
		return fmt.Errorf("lint %s: not recognised as a migration", m.Files[0].Path)
	}
	fs, err := migration.LintSource(src, migration.Options{Facts: facts})
	if err != nil {
		return fmt.Errorf("lint %s: %w", m.Files[0].Path, err)
	}
	m.Lint = fs
	if i := slices.IndexFunc(fs, func(f migration.Finding) bool { return f.Severity == finding.Error }); i >= 0 {
		return fmt.Errorf("the migration fails its lint (%s), so it is not written", fs[i].String())
	}
	return nil
}

// Write puts the files on disk, creating the folder if needed; it never
// overwrites a file.
func (m *Migration) Write() error {
	if err := os.MkdirAll(m.Target.Dir, 0o755); err != nil {
		return fmt.Errorf("write migration: %w", err)
	}
	for i, f := range m.Files {
		w, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = w.WriteString(f.Text)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			for _, done := range m.Files[:i] {
				_ = os.Remove(done.Path)
			}
			return fmt.Errorf("write migration: %w", err)
		}
	}
	m.Written = true
	return nil
}

func slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.Trim(b.String(), "_")
}

// commentText makes text safe inside a -- comment: a newline in a hostile
// identifier must not end the comment and start a statement.
func commentText(s string) string { return safetext.Display(s) }
