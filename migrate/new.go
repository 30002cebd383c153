package migrate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// NewOptions tune New.
type NewOptions struct {
	// Tool is the format for a folder without migrations yet (default
	// golang-migrate). A folder that has some keeps its own format; a
	// Tool that contradicts it is refused.
	Tool Tool
	// Now stamps timestamp versions (dbmate, goose's default); zero means
	// the current time.
	Now time.Time
}

// timestampLen is the length of the YYYYMMDDHHMMSS versions goose and
// dbmate write.
const timestampLen = 14

// New creates the files of a new migration named name in dir, in the
// folder's own format with the next version: golang-migrate's up/down
// pair (next number, same width), goose's annotated file (a timestamp, or
// the next number when the folder numbers its files), dbmate's annotated
// file (a timestamp) or Flyway's V<n>__name.sql (no down). It returns the
// paths written.
func New(dir, name string, o NewOptions) ([]string, error) {
	slug := slugify(name)
	if slug == "" {
		return nil, errors.New("new migration: give a name of letters or digits")
	}
	folder, err := ReadFolder(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	tool, err := folderTool(folder, o.Tool)
	if err != nil {
		return nil, err
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	files := map[string]string{}
	var order []string
	add := func(name, body string) {
		p := filepath.Join(dir, name)
		files[p] = body
		order = append(order, p)
	}
	switch tool {
	case GolangMigrate:
		base := sequential(folder, 6) + "_" + slug
		add(base+".up.sql", "")
		add(base+".down.sql", "")
	case Goose:
		v := sequential(folder, 5)
		if len(folder.Files) == 0 || stamped(folder) {
			v = timestamp(folder, now)
		}
		add(v+"_"+slug+".sql", "-- +goose Up\n\n-- +goose Down\n")
	case Dbmate:
		add(timestamp(folder, now)+"_"+slug+".sql", "-- migrate:up\n\n\n-- migrate:down\n\n")
	case Flyway:
		add("V"+flywayNext(folder)+"__"+slug+".sql", "-- Flyway runs no down migration: revert with a new forward migration.\n")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("new migration: %w", err)
	}
	for _, p := range order {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, fmt.Errorf("new migration: %w", err)
		}
		_, werr := f.WriteString(files[p])
		if err := errors.Join(werr, f.Close()); err != nil {
			return nil, fmt.Errorf("new migration: %w", err)
		}
	}
	return order, nil
}

// folderTool is the format of the folder's files, or want for an empty
// folder; mixed formats, or want contradicting the folder, are refused.
func folderTool(folder Folder, want Tool) (Tool, error) {
	tool := Tool("")
	for _, f := range folder.Files {
		ft := f.Format
		if ft == Sqlx {
			ft = GolangMigrate // numbered plain files take the pair
		}
		switch {
		case tool == "":
			tool = ft
		case ft != tool:
			return "", fmt.Errorf("new migration: the folder mixes %s and %s files", tool, ft)
		}
	}
	switch {
	case tool == "" && want == "":
		return GolangMigrate, nil
	case tool == "":
		tool = want
	case want != "" && want != tool:
		return "", fmt.Errorf("new migration: the folder holds %s migrations, not %s", tool, want)
	}
	switch tool {
	case GolangMigrate, Goose, Dbmate, Flyway:
		return tool, nil
	}
	return "", fmt.Errorf("new migration: pgdeck writes golang-migrate, goose, dbmate and Flyway files; create %s migrations with %s", tool, tool)
}

// leadingDigits is the version prefix of a file name ("007" of
// "007_x.up.sql").
func leadingDigits(path string) string {
	base := filepath.Base(path)
	return base[:digitCount(base)]
}

func digitCount(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// maxVersion is the highest numeric version of the folder and the width
// its last file writes it in (0 when the folder is empty).
func maxVersion(folder Folder) (uint64, int) {
	var top uint64
	width := 0
	for _, f := range folder.Files {
		digits := leadingDigits(f.UpPath)
		if v, err := strconv.ParseUint(digits, 10, 64); err == nil && v >= top {
			top, width = v, len(digits)
		}
	}
	return top, width
}

// sequential is the next number, in the folder's width (def when empty).
func sequential(folder Folder, def int) string {
	top, width := maxVersion(folder)
	if width == 0 {
		width = def
	}
	return fmt.Sprintf("%0*d", width, top+1)
}

// stamped reports whether the folder's versions are timestamps.
func stamped(folder Folder) bool {
	_, width := maxVersion(folder)
	return width >= timestampLen
}

// timestamp is now as YYYYMMDDHHMMSS (UTC, as goose and dbmate write it),
// or one past the highest version when that is not later.
func timestamp(folder Folder, now time.Time) string {
	s := now.UTC().Format("20060102150405")
	top, _ := maxVersion(folder)
	if v, _ := strconv.ParseUint(s, 10, 64); v <= top {
		return strconv.FormatUint(top+1, 10)
	}
	return s
}

// flywayNext is the next major version after the folder's highest
// (V1.2 → V2), zero-padded as the folder pads.
func flywayNext(folder Folder) string {
	var top uint64
	width := 1
	for _, f := range folder.Files {
		major, _, _ := strings.Cut(f.Version, ".")
		if v, err := strconv.ParseUint(major, 10, 64); err == nil && v >= top {
			top = v
			if d := leadingDigits(strings.TrimPrefix(filepath.Base(f.UpPath), "V")); len(d) > 1 && d[0] == '0' {
				width = len(d)
			}
		}
	}
	return fmt.Sprintf("%0*d", width, top+1)
}

// slugify turns a name into the lower-case words-and-underscores part of a
// file name.
func slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}
