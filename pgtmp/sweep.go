package pgtmp

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ownerFile records which process owns a server directory, so that a later
// Start can tell a live neighbour's server from a dead run's leftovers.
const ownerFile = "owner"

func writeOwner(dir string) error {
	pid := os.Getpid()
	line := fmt.Sprintf("%d %s\n", pid, procStart(pid))
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(line), 0o644); err != nil {
		return fmt.Errorf("write owner file: %w", err)
	}
	return nil
}

// Sweep removes the directories of earlier throwaway servers whose owning
// process is gone, stopping any postmaster still running in them. It
// returns the directories it removed.
func Sweep() []string {
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
	var removed []string
	for _, dir := range matches {
		if !ours(filepath.Base(dir)) || !stale(dir) {
			continue
		}
		stopOrphan(filepath.Join(dir, "data", "postmaster.pid"))
		if os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
	}
	return removed
}

// ours reports whether a directory name has the exact shape MkdirTemp
// gives ours (prefix and digits), so a user's own /tmp/pgdeck-notes is
// never touched.
func ours(name string) bool {
	digits := strings.TrimPrefix(name, dirPrefix)
	if digits == name || digits == "" {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// stale reports whether dir's owner has exited. A directory with no owner
// file is stale once it is a minute old (its creator died at once).
func stale(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if errors.Is(err, os.ErrNotExist) {
		st, err := os.Stat(dir)
		return err == nil && st.IsDir() && time.Since(st.ModTime()) > time.Minute
	}
	if err != nil {
		return false
	}
	fields := strings.Fields(string(b))
	if len(fields) == 0 {
		return true
	}
	pid, err := strconv.Atoi(fields[0])
	if err != nil || !alive(pid) {
		return true
	}
	// A live process with that pid may be a newer one that reused it.
	return len(fields) > 1 && procStart(pid) != "" && procStart(pid) != fields[1]
}

// stopOrphan sends an immediate shutdown to a postmaster left running (on
// systems without a parent-death signal, or if it outlived its parent).
func stopOrphan(pidFile string) {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil || pid <= 0 || !alive(pid) {
		return
	}
	_ = syscall.Kill(pid, syscall.SIGQUIT)
	for i := 0; i < 100 && alive(pid); i++ {
		time.Sleep(20 * time.Millisecond)
	}
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// procStart returns a process's start time as the kernel counts it, or ""
// where /proc does not exist.
func procStart(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces; count from after it.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	if len(f) < 20 {
		return ""
	}
	return f[19] // field 22 overall: starttime
}
