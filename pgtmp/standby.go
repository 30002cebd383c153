package pgtmp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// StartStandby clones s with pg_basebackup over its unix socket and starts
// the copy as a streaming hot standby of s, on its own port and socket
// directory inside s's directory. Close the standby before s (closing s
// also removes the standby's files).
func (s *Server) StartStandby(ctx context.Context) (*Server, error) {
	dir, err := os.MkdirTemp(s.Dir, "sb")
	if err != nil {
		return nil, fmt.Errorf("create standby directory: %w", err)
	}
	if err := s.run.own(dir); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	st := &Server{Dir: dir, DataDir: filepath.Join(dir, "data"), SocketDir: dir, Port: port,
		BinDir: s.BinDir, Version: s.Version, run: s.run, logf: s.logf}
	out, err := s.Command(ctx, "pg_basebackup", "-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", Superuser,
		"-D", st.DataDir, "-R", "-X", "stream", "--no-sync", "-c", "fast")
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_basebackup: %w\n%s", err, strings.TrimSpace(string(out)))
	}
	conf := fmt.Sprintf("\n# pgdeck standby\nport = %d\nunix_socket_directories = %s\nlisten_addresses = ''\nhot_standby = on\n",
		port, quoteConf(dir))
	if err := appendFile(filepath.Join(st.DataDir, "postgresql.conf"), conf); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("configure standby: %w", err)
	}
	if err := st.startStandby(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// startStandby is start for a standby, whose postmaster.pid says
// "standby" rather than "ready" once it accepts read-only connections.
func (s *Server) startStandby(ctx context.Context) error {
	logFile, err := os.Create(filepath.Join(s.Dir, "server.log"))
	if err != nil {
		return fmt.Errorf("create standby log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(filepath.Join(s.BinDir, "postgres"), "-D", s.DataDir)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	proc, err := s.run.start(cmd)
	if err != nil {
		return fmt.Errorf("start standby: %w", err)
	}
	s.proc = proc
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-proc.exited:
			return fmt.Errorf("standby exited during start-up: %s", s.logTail())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if b, err := os.ReadFile(filepath.Join(s.DataDir, "postmaster.pid")); err == nil {
			lines := strings.Split(string(b), "\n")
			if len(lines) >= 8 {
				if st := strings.TrimSpace(lines[7]); st == "standby" || st == "ready" {
					return nil
				}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("standby not ready after 60s: %s", s.logTail())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
