// Package pgtmp starts a throwaway PostgreSQL server from the local server
// binaries, for `pgdeck demo` and for the tests. The server lives in a
// short temporary directory, listens on a unix socket there (and on
// loopback only when asked), and is stopped and removed by Close. If the
// parent process dies without calling Close — SIGKILL, a test-timeout
// panic — the postmaster gets a parent-death signal and shuts down at once,
// and the next Start sweeps the directory it left behind.
package pgtmp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// dirPrefix names our temporary directories in os.TempDir (normally /tmp);
// it is short because a unix socket path must fit in ~107 bytes.
const dirPrefix = "pgdeck-"

// Superuser is the database superuser every throwaway server is created with.
const Superuser = "postgres"

// Options tune a throwaway server. The zero value is a socket-only server
// with pg_stat_statements preloaded.
type Options struct {
	// TCP also listens on 127.0.0.1 at a free port (needed by tools that
	// cannot use a socket, and by streaming replication tests).
	TCP bool
	// Settings are extra postgresql.conf settings; they override defaults.
	Settings map[string]string
	// HBA lines are placed before the default "trust" lines of pg_hba.conf,
	// e.g. "local all alice scram-sha-256" to test password logins.
	HBA []string
	// Log receives progress lines (initdb, start, stop); nil discards them.
	Log func(format string, args ...any)
}

// Server is a running throwaway PostgreSQL server.
type Server struct {
	Dir       string // the temporary directory holding everything
	DataDir   string
	SocketDir string
	Port      int
	BinDir    string
	// Version is the server's major version number (e.g. 15), read from
	// PG_VERSION.
	Version int
	// Notes say what could not be set up, e.g. a missing extension library.
	Notes []string

	run     runner
	proc    *child
	logf    func(string, ...any)
	closeMu sync.Mutex
	closed  bool
}

// Start creates, configures and starts a throwaway server and waits until
// it accepts connections.
func Start(ctx context.Context, opts Options) (*Server, error) {
	bin, err := FindBinDir()
	if err != nil {
		return nil, err
	}
	Sweep()
	run, err := newRunner()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("create temporary directory: %w", err)
	}
	s := &Server{Dir: dir, DataDir: filepath.Join(dir, "data"), SocketDir: dir, Port: 5432, BinDir: bin, run: run, logf: opts.Log}
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	if err := s.setup(ctx, opts); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) setup(ctx context.Context, opts Options) error {
	if err := writeOwner(s.Dir); err != nil {
		return err
	}
	if err := s.run.own(s.Dir); err != nil {
		return err
	}
	if opts.TCP {
		port, err := freePort()
		if err != nil {
			return err
		}
		s.Port = port
	}
	start := time.Now()
	if err := s.initdb(ctx); err != nil {
		return err
	}
	s.logf("initdb took %v", time.Since(start).Round(time.Millisecond))
	if v, err := os.ReadFile(filepath.Join(s.DataDir, "PG_VERSION")); err == nil {
		s.Version, _ = strconv.Atoi(strings.TrimSpace(string(v)))
	}
	if err := s.configure(opts); err != nil {
		return err
	}
	return s.start(ctx)
}

func (s *Server) initdb(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, filepath.Join(s.BinDir, "initdb"),
		"-D", s.DataDir, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C",
		"--no-sync", "--no-instructions")
	out, err := s.run.output(cmd)
	if err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// configure writes postgresql.auto.conf-style settings into
// postgresql.conf and prepends the extra pg_hba lines.
func (s *Server) configure(opts Options) error {
	settings := map[string]string{
		"listen_addresses":        "''",
		"unix_socket_directories": quoteConf(s.SocketDir),
		"port":                    strconv.Itoa(s.Port),
		"fsync":                   "off",
		"synchronous_commit":      "off",
		"full_page_writes":        "off",
		"track_io_timing":         "on",
		"max_connections":         "60",
		"logging_collector":       "off",
	}
	if opts.TCP {
		settings["listen_addresses"] = "'127.0.0.1'"
	}
	if s.hasLibrary("pg_stat_statements") {
		settings["shared_preload_libraries"] = "'pg_stat_statements'"
		settings["pg_stat_statements.track_planning"] = "on"
		settings["pg_stat_statements.track"] = "all"
	} else {
		s.Notes = append(s.Notes, "pg_stat_statements library not installed: slow-query statistics unavailable")
	}
	for k, v := range opts.Settings {
		settings[k] = v
	}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("\n# pgdeck throwaway server\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s = %s\n", k, settings[k])
	}
	if err := appendFile(filepath.Join(s.DataDir, "postgresql.conf"), b.String()); err != nil {
		return fmt.Errorf("write postgresql.conf: %w", err)
	}
	if len(opts.HBA) > 0 {
		path := filepath.Join(s.DataDir, "pg_hba.conf")
		old, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read pg_hba.conf: %w", err)
		}
		hba := strings.Join(opts.HBA, "\n") + "\n" + string(old)
		if err := os.WriteFile(path, []byte(hba), 0o600); err != nil {
			return fmt.Errorf("write pg_hba.conf: %w", err)
		}
	}
	return nil
}

// hasLibrary reports whether the server's package library directory holds
// the named extension module.
func (s *Server) hasLibrary(name string) bool {
	out, err := exec.Command(filepath.Join(s.BinDir, "pg_config"), "--pkglibdir").Output()
	dir := strings.TrimSpace(string(out))
	dirs := []string{dir}
	if err != nil || dir == "" {
		// No pg_config (the npm builds): look beside the binaries, in
		// lib and in lib/postgresql where those builds keep modules.
		lib := filepath.Join(filepath.Dir(s.BinDir), "lib")
		dirs = []string{lib, filepath.Join(lib, "postgresql")}
	}
	for _, d := range dirs {
		for _, ext := range []string{".so", ".dylib"} {
			if _, err := os.Stat(filepath.Join(d, name+ext)); err == nil {
				return true
			}
		}
	}
	return false
}

// start runs the postmaster as a direct child and waits for readiness.
func (s *Server) start(ctx context.Context) error {
	logFile, err := os.Create(filepath.Join(s.Dir, "server.log"))
	if err != nil {
		return fmt.Errorf("create server log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(filepath.Join(s.BinDir, "postgres"), "-D", s.DataDir)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	t0 := time.Now()
	proc, err := s.run.start(cmd)
	if err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	s.proc = proc
	if err := s.waitReady(ctx); err != nil {
		return err
	}
	s.logf("server ready in %v (%s)", time.Since(t0).Round(time.Millisecond), s.Dir)
	return nil
}

// waitReady polls postmaster.pid until its status line says "ready".
func (s *Server) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-s.proc.exited:
			return fmt.Errorf("postgres exited during start-up: %s", s.logTail())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if b, err := os.ReadFile(filepath.Join(s.DataDir, "postmaster.pid")); err == nil {
			lines := strings.Split(string(b), "\n")
			if len(lines) >= 8 && strings.TrimSpace(lines[7]) == "ready" {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres not ready after 60s: %s", s.logTail())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// logTail returns the last lines of the server log, for error messages.
func (s *Server) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.Dir, "server.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.Join(lines, "\n")
}

// ConnString returns a libpq key=value connection string for dbname.
func (s *Server) ConnString(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", s.SocketDir, s.Port, Superuser, dbname)
}

// URL returns a postgres:// URL for dbname over the socket (or loopback
// when the server listens on TCP).
func (s *Server) URL(dbname string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&sslmode=disable", Superuser, dbname, s.SocketDir, s.Port)
}

// Bin returns the path of a PostgreSQL program next to the server's, such
// as psql, pg_dump or pg_basebackup.
func (s *Server) Bin(name string) string { return filepath.Join(s.BinDir, name) }

// Command runs a PostgreSQL client program as the account that owns the
// server (pg_basebackup must write files the server can read) and returns
// its combined output.
func (s *Server) Command(ctx context.Context, name string, args ...string) ([]byte, error) {
	return s.run.output(exec.CommandContext(ctx, s.Bin(name), args...))
}

// Close stops the server (fast shutdown, then immediate after 10s) and
// removes its directory. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	if s.proc != nil {
		errs = append(errs, s.proc.stop(10*time.Second))
	}
	if err := os.RemoveAll(s.Dir); err != nil {
		errs = append(errs, fmt.Errorf("remove %s: %w", s.Dir, err))
	}
	s.logf("server stopped and %s removed", s.Dir)
	return errors.Join(errs...)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func quoteConf(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
