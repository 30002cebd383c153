package migrate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pgdeck/pgdeck/advise/migration"
)

// File is one migration in a folder: its up part and, when there is one,
// its down part.
type File struct {
	// Version is the version as the tool records it in its history
	// ("7" for 007_x.up.sql, "1.2" for V1_2__x.sql, the folder name for
	// Prisma, the tag for Drizzle).
	Version string `json:"version"`
	Name    string `json:"name"`
	Format  Tool   `json:"format"`
	// UpPath and DownPath are relative to the folder; DownPath is empty
	// when the migration cannot be reverted from a file.
	UpPath   string `json:"up_path"`
	DownPath string `json:"down_path,omitempty"`
	// Raw is the whole up file, which the tools' checksums cover.
	Raw  string `json:"-"`
	Up   string `json:"-"`
	Down string `json:"-"`
	// NoTx: the file must run outside a transaction.
	NoTx bool `json:"no_transaction"`
	// When is Drizzle's journal timestamp (ms), which its history keeps.
	When int64 `json:"-"`
	// AtlasHash is the hash Atlas records for the file, in a folder with
	// atlas.sum ("" when Atlas ignores the file).
	AtlasHash string `json:"-"`
}

// Folder is a migrations folder read from disk.
type Folder struct {
	Dir   string `json:"dir"`
	Files []File `json:"files"`
	// Warnings are problems with the folder as a whole (a stale atlas.sum).
	Warnings []string `json:"warnings,omitempty"`
}

// UsualDirs are the folders looked in, under the working directory, when
// none is given.
var UsualDirs = []string{"migrations", "db/migrations", "drizzle", "prisma/migrations", "db/migrate", "sql"}

// FindDir returns dir when set, else the first of UsualDirs under base that
// exists.
func FindDir(base, dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	for _, d := range UsualDirs {
		p := filepath.Join(base, d)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("no migrations folder: none of %s found; give one with --dir", strings.Join(UsualDirs, ", "))
}

// ReadFolder reads the migrations in dir.
func ReadFolder(dir string) (Folder, error) {
	f, err := ParseFolder(os.DirFS(dir))
	f.Dir = dir
	if err != nil {
		return f, fmt.Errorf("read migrations folder %s: %w", dir, err)
	}
	return f, nil
}

// ParseFolder reads the migrations of a folder in any of the formats pgdeck
// knows: golang-migrate/sqlx (NNN_name.up.sql + .down.sql), goose and
// dbmate (annotated single files), Flyway (V1__name.sql), plain numbered
// files, Prisma (NAME/migration.sql) and Drizzle (meta/_journal.json).
func ParseFolder(fsys fs.FS) (Folder, error) {
	if b, err := fs.ReadFile(fsys, "meta/_journal.json"); err == nil {
		return drizzleFolder(fsys, b)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return Folder{}, err
	}
	byVersion := map[string]*File{}
	var order []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			b, err := fs.ReadFile(fsys, path.Join(name, "migration.sql"))
			if err != nil {
				continue
			}
			f := File{Version: name, Name: name, Format: Prisma, UpPath: path.Join(name, "migration.sql"), Raw: string(b), Up: string(b)}
			byVersion[name] = &f
			order = append(order, name)
			continue
		}
		if !strings.EqualFold(path.Ext(name), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return Folder{}, err
		}
		f, ok := parseFile(name, string(b))
		if !ok {
			continue
		}
		if old := byVersion[f.Version]; old != nil {
			if err := merge(old, f); err != nil {
				return Folder{}, err
			}
			continue
		}
		byVersion[f.Version] = &f
		order = append(order, f.Version)
	}
	out := Folder{}
	for _, v := range order {
		f := byVersion[v]
		if f.UpPath == "" {
			continue // a down file without its up file
		}
		out.Files = append(out.Files, *f)
	}
	slices.SortFunc(out.Files, func(a, b File) int { return migration.CompareNames(a.UpPath, b.UpPath) })
	if sum, err := fs.ReadFile(fsys, atlasSumFile); err == nil {
		if err := atlasFolder(fsys, entries, sum, &out); err != nil {
			return Folder{}, err
		}
	}
	return out, finishFolder(&out)
}

// merge joins the up and down files of one golang-migrate version.
func merge(old *File, f File) error {
	switch {
	case old.UpPath == "" && f.UpPath != "":
		f.DownPath, f.Down = old.DownPath, old.Down
		*old = f
	case old.DownPath == "" && f.DownPath != "":
		old.DownPath, old.Down = f.DownPath, f.Down
	default:
		return fmt.Errorf("two migrations with version %s: %s and %s", f.Version, old.UpPath+old.DownPath, f.UpPath+f.DownPath)
	}
	return nil
}

// parseFile recognises one file of a flat folder.
func parseFile(name, content string) (File, bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".down.sql") {
		v, desc, ok := numbered(strings.TrimSuffix(name, name[len(name)-len(".down.sql"):]))
		return File{Version: v, Name: desc, Format: GolangMigrate, DownPath: name, Down: content}, ok
	}
	src, ok := migration.ReadSource(name, content)
	if !ok {
		return File{}, false
	}
	f := File{Raw: content, Up: src.SQL, Down: content[len(src.SQL):], UpPath: name}
	switch src.Tool {
	case migration.Flyway:
		i := strings.Index(name, "__")
		f.Format, f.Version, f.Name = Flyway, strings.ReplaceAll(name[1:i], "_", "."), strings.TrimSuffix(name[i+2:], path.Ext(name))
		if f.Version == "" {
			return File{}, false // repeatable migrations have no version
		}
		return f, true
	case migration.Goose:
		f.Format, f.NoTx = Goose, src.Mode == migration.TxNone
	case migration.Dbmate:
		f.Format, f.NoTx = Dbmate, src.Mode == migration.TxNone
	case migration.GolangMigrate:
		f.Format, f.Down = GolangMigrate, ""
	default:
		f.Format, f.Down = Sqlx, ""
	}
	base := strings.TrimSuffix(strings.TrimSuffix(name, path.Ext(name)), ".up")
	v, desc, ok := numbered(base)
	f.Version, f.Name = v, desc
	if f.Format == Dbmate && ok {
		f.Version = strings.SplitN(base, "_", 2)[0] // dbmate keeps the digits as text
	}
	return f, ok
}

// numbered splits "007_add_x" into the version golang-migrate, goose and
// sqlx record ("7") and the description.
func numbered(base string) (version, desc string, ok bool) {
	digits, rest, _ := strings.Cut(base, "_")
	n, err := strconv.ParseUint(digits, 10, 63)
	if err != nil {
		return "", "", false
	}
	return strconv.FormatUint(n, 10), rest, true
}

// finishFolder marks the files that must run outside a transaction.
func finishFolder(f *Folder) error {
	var errs []error
	for i := range f.Files {
		if f.Files[i].NoTx || (f.Files[i].Format != GolangMigrate && f.Files[i].Format != Sqlx) {
			continue
		}
		noTx, err := needsNoTx(f.Files[i].Up)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Files[i].UpPath, err))
		}
		f.Files[i].NoTx = noTx
	}
	return errors.Join(errs...)
}

type drizzleJournal struct {
	Entries []struct {
		When int64  `json:"when"`
		Tag  string `json:"tag"`
	} `json:"entries"`
}

// drizzleFolder reads a Drizzle folder through its journal, which orders
// the migrations and gives the timestamps Drizzle records.
func drizzleFolder(fsys fs.FS, journal []byte) (Folder, error) {
	var j drizzleJournal
	if err := json.Unmarshal(journal, &j); err != nil {
		return Folder{}, fmt.Errorf("meta/_journal.json: %w", err)
	}
	var out Folder
	for _, e := range j.Entries {
		if e.Tag == "" || strings.ContainsAny(e.Tag, `/\`) {
			return Folder{}, fmt.Errorf("meta/_journal.json: bad tag %q", e.Tag)
		}
		b, err := fs.ReadFile(fsys, e.Tag+".sql")
		if err != nil {
			return Folder{}, fmt.Errorf("drizzle migration %s: %w", e.Tag, err)
		}
		out.Files = append(out.Files, File{Version: e.Tag, Name: e.Tag, Format: Drizzle, UpPath: e.Tag + ".sql",
			Raw: string(b), Up: string(b), When: e.When})
	}
	return out, nil
}
