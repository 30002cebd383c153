package pgtmp

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// runner runs server programs, as an unprivileged account when we are root
// (PostgreSQL refuses to run as root).
type runner struct {
	cred *syscall.Credential // nil: run as ourselves
}

// serverAccounts are tried in order when we run as root.
var serverAccounts = []string{"postgres", "nobody"}

func newRunner() (runner, error) {
	if os.Geteuid() != 0 {
		return runner{}, nil
	}
	names := serverAccounts
	if u := os.Getenv("PGDECK_PG_USER"); u != "" {
		names = []string{u}
	}
	for _, name := range names {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return runner{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
	}
	return runner{}, fmt.Errorf("running as root, and PostgreSQL refuses to run as root: no unprivileged account (%v) to run it as; create one or set PGDECK_PG_USER", names)
}

// own hands a directory to the account that runs the server.
func (r runner) own(dir string) error {
	if r.cred == nil {
		return nil
	}
	if err := os.Chown(dir, int(r.cred.Uid), int(r.cred.Gid)); err != nil {
		return fmt.Errorf("hand %s to the server account: %w", dir, err)
	}
	return nil
}

func (r runner) prepare(cmd *exec.Cmd) {
	attr := sysProcAttr()
	attr.Credential = r.cred
	cmd.SysProcAttr = attr
	// A clean environment: the user's PGDATA, PGHOST… must not leak into
	// initdb or the server, and the server account may not read our HOME.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "TZ=UTC"}
	cmd.Dir = os.TempDir()
}

// output runs a short-lived program to completion.
func (r runner) output(cmd *exec.Cmd) ([]byte, error) {
	r.prepare(cmd)
	var out []byte
	var err error
	onLockedThread(func() { out, err = cmd.CombinedOutput() })
	return out, err
}

// child is a long-running process (the postmaster).
type child struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
}

// start launches cmd and keeps the goroutine that forked it on its OS
// thread until the process exits: Linux sends the parent-death signal when
// the forking *thread* ends, so that thread must outlive the child.
func (r runner) start(cmd *exec.Cmd) (*child, error) {
	r.prepare(cmd)
	c := &child{cmd: cmd, exited: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		// Never unlocked: the thread is discarded when this goroutine ends,
		// which is after the child has exited.
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.waitErr = cmd.Wait()
		close(c.exited)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return c, nil
}

// stop asks for a fast shutdown (SIGINT), then an immediate one (SIGQUIT),
// then kills.
func (c *child) stop(grace time.Duration) error {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGQUIT, os.Kill} {
		select {
		case <-c.exited:
			return nil
		default:
		}
		_ = c.cmd.Process.Signal(sig)
		select {
		case <-c.exited:
			return nil
		case <-time.After(grace):
		}
	}
	return fmt.Errorf("postgres (pid %d) did not exit", c.cmd.Process.Pid)
}

// onLockedThread runs f on a goroutine locked to a fresh OS thread, for
// the same parent-death reason as start.
func onLockedThread(f func()) {
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		f()
		close(done)
	}()
	<-done
}
