package pgtmp

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries is returned (wrapped, with install advice) when no
// PostgreSQL server binaries can be found.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries found")

// installAdvice names the package to install on the systems people use.
const installAdvice = `pgdeck needs the PostgreSQL server programs (initdb, postgres) to start a throwaway server.
Install them, then run the command again:
  Debian/Ubuntu:  sudo apt-get install postgresql
  Fedora/RHEL:    sudo dnf install postgresql-server postgresql-contrib
  macOS:          brew install postgresql@17
Or point PGDECK_PG_BINDIR at the directory that holds initdb and postgres.`

// FindBinDir returns the directory holding initdb and postgres. It looks,
// in order, at $PGDECK_PG_BINDIR, $PATH, `pg_config --bindir`, the newest
// Debian /usr/lib/postgresql/N/bin, the newest Fedora /usr/pgsql-N/bin, and
// the Homebrew and Postgres.app locations.
func FindBinDir() (string, error) { return findIn(candidates()) }

func findIn(dirs []string) (string, error) {
	var tried []string
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		tried = append(tried, dir)
		if isBinDir(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("%w (looked in %s)\n%s", ErrNoBinaries, strings.Join(dedupe(tried), ", "), installAdvice)
}

func candidates() []string {
	var c []string
	c = append(c, os.Getenv("PGDECK_PG_BINDIR"))
	if p, err := exec.LookPath("initdb"); err == nil {
		c = append(c, resolvedDir(p))
	}
	if p, err := exec.LookPath("pg_config"); err == nil {
		if out, err := exec.Command(p, "--bindir").Output(); err == nil {
			c = append(c, strings.TrimSpace(string(out)))
		}
	}
	c = append(c, newestVersioned("/usr/lib/postgresql/*/bin", "/usr/lib/postgresql/", "/bin")...)
	c = append(c, newestVersioned("/usr/pgsql-*/bin", "/usr/pgsql-", "/bin")...)
	if runtime.GOOS == "darwin" {
		c = append(c, newestVersioned("/opt/homebrew/opt/postgresql@*/bin", "/opt/homebrew/opt/postgresql@", "/bin")...)
		c = append(c, newestVersioned("/usr/local/opt/postgresql@*/bin", "/usr/local/opt/postgresql@", "/bin")...)
		c = append(c, "/opt/homebrew/bin", "/usr/local/bin")
		c = append(c, newestVersioned("/Applications/Postgres.app/Contents/Versions/*/bin", "/Applications/Postgres.app/Contents/Versions/", "/bin")...)
	}
	return c
}

// resolvedDir follows symlinks so that /usr/local/bin/initdb -> the real
// versioned directory, where postgres and pg_ctl live too.
func resolvedDir(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return filepath.Dir(p)
}

// newestVersioned expands a glob whose wildcard is a version number and
// returns the matches newest first.
func newestVersioned(glob, prefix, suffix string) []string {
	matches, _ := filepath.Glob(glob)
	version := func(m string) float64 {
		v := strings.TrimSuffix(strings.TrimPrefix(m, prefix), suffix)
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	return matches
}

func isBinDir(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
