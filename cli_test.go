package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// buildBinary builds pgdeck once for the tests that run it as a user would.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pgdeck")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestVersionAndHelp(t *testing.T) {
	var out bytes.Buffer
	root := newRootCmd()
	root.SetOut(&out)
	root.SetArgs([]string{"version"})
	if err := root.Execute(); err != nil || !strings.HasPrefix(out.String(), "pgdeck ") || !strings.Contains(out.String(), "parser:") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
	// --help works on every command and says what it does.
	for _, c := range newRootCmd().Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		out.Reset()
		root := newRootCmd()
		root.SetOut(&out)
		root.SetArgs([]string{c.Name(), "--help"})
		if err := root.Execute(); err != nil || !strings.Contains(out.String(), "Usage:") {
			t.Errorf("%s --help: %v\n%s", c.Name(), err, out.String())
		}
	}
}

func TestExitCodes(t *testing.T) {
	if code := run([]string{"--no-such-flag"}); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code := run([]string{"postgres://u:pw@host:notaport/db"}); code != 1 {
		t.Errorf("malformed DSN: exit %d, want 1", code)
	}
}

// TestDemoServe runs `pgdeck demo --serve` as a user would: the first line
// is a connection string that works, the sample database is there, and
// SIGTERM stops the server and removes its directory.
func TestDemoServe(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "demo", "--serve")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill() //nolint:errcheck
	lines := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- strings.TrimSpace(l)
	}()
	var dsn string
	select {
	case dsn = <-lines:
	case <-time.After(5 * time.Minute):
		t.Fatalf("no connection string; stderr:\n%s", stderr.String())
	}
	if !strings.Contains(dsn, "dbname=pgdeck_demo") {
		t.Fatalf("first line %q is not a connection string; stderr:\n%s", dsn, stderr.String())
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", dsn, err)
	}
	var tasks int
	var version int64
	if err := conn.QueryRow(ctx, "select count(*) from tasks").Scan(&tasks); err != nil || tasks < 100000 {
		t.Errorf("tasks: %d %v", tasks, err)
	}
	if err := conn.QueryRow(ctx, "select version from schema_migrations").Scan(&version); err != nil || version == 0 {
		t.Errorf("schema_migrations: %d %v", version, err)
	}
	var pmPID int
	if err := conn.QueryRow(ctx, "select pid from pg_stat_activity where backend_type = 'checkpointer'").Scan(&pmPID); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	dir := strings.TrimPrefix(strings.Fields(dsn)[0], "host=")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("demo exited with %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not stop on SIGTERM")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("server directory %s still exists", dir)
	}
	if err := syscall.Kill(pmPID, 0); err == nil {
		t.Errorf("server process %d still running", pmPID)
	}
}
