package pgtmp

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestStartQueryClose(t *testing.T) {
	ctx := context.Background()
	s, err := Start(ctx, Options{Log: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.SocketDir)+len("/.s.PGSQL.5432") > 100 {
		t.Errorf("socket path too long: %s", s.SocketDir)
	}
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	var preload, ioTiming string
	if err := conn.QueryRow(ctx, "select current_setting('shared_preload_libraries'), current_setting('track_io_timing')").Scan(&preload, &ioTiming); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(preload, "pg_stat_statements") || ioTiming != "on" {
		t.Errorf("preload=%q track_io_timing=%q", preload, ioTiming)
	}
	if _, err := conn.Exec(ctx, "create extension pg_stat_statements"); err != nil {
		t.Errorf("pg_stat_statements not usable: %v", err)
	}
	conn.Close(ctx)

	// The URL form reaches the same server.
	conn2, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		t.Fatalf("URL %s: %v", s.URL("postgres"), err)
	}
	conn2.Close(ctx)

	pid := postmasterPID(t, s.DataDir)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if alive(pid) {
		t.Errorf("postmaster %d still running after Close", pid)
	}
	if _, err := os.Stat(s.Dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists after Close", s.Dir)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestTCPAndSettings(t *testing.T) {
	ctx := context.Background()
	s, err := Start(ctx, Options{TCP: true, Settings: map[string]string{"work_mem": "'7MB'"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := pgx.Connect(ctx, "host=127.0.0.1 user=postgres dbname=postgres sslmode=disable port="+strconv.Itoa(s.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var wm string
	if err := conn.QueryRow(ctx, "show work_mem").Scan(&wm); err != nil || wm != "7MB" {
		t.Errorf("work_mem=%q err=%v", wm, err)
	}
}

// TestNoOrphanAfterSIGKILL starts a server in a child process, kills that
// process with SIGKILL, and checks the postmaster goes away by itself and
// the next Sweep removes the directory.
func TestNoOrphanAfterSIGKILL(t *testing.T) {
	if os.Getenv("PGTMP_CHILD") == "1" {
		s, err := Start(context.Background(), Options{})
		if err != nil {
			os.Stdout.WriteString("ERR " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString(s.Dir + "\n")
		time.Sleep(time.Hour)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoOrphanAfterSIGKILL$")
	cmd.Env = append(os.Environ(), "PGTMP_CHILD=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.HasPrefix(line, "ERR") {
		cmd.Process.Kill()
		t.Fatalf("child: %q %v", line, err)
	}
	dir := strings.TrimSpace(line)
	pid := postmasterPID(t, filepath.Join(dir, "data"))
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if alive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatalf("postmaster %d survived its parent's SIGKILL", pid)
	}
	// Another test process starting a server may sweep it first; either
	// way the directory must be gone after a Sweep.
	Sweep()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists after Sweep", dir)
	}
}

func TestFindBinDirMissing(t *testing.T) {
	empty := t.TempDir()
	_, err := findIn([]string{"", empty})
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("want ErrNoBinaries, got %v", err)
	}
	for _, want := range []string{empty, "apt-get install postgresql", "dnf install postgresql-server", "brew install postgresql"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if dir, err := FindBinDir(); err != nil || !isBinDir(dir) {
		t.Errorf("FindBinDir on this machine = %q, %v", dir, err)
	}
}

func postmasterPID(t *testing.T, dataDir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func TestSweepLeavesOthersAlone(t *testing.T) {
	mine := filepath.Join(os.TempDir(), "pgdeck-notes-of-a-user")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(mine)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(mine, old, old)
	Sweep()
	if _, err := os.Stat(mine); err != nil {
		t.Fatalf("Sweep removed a directory that is not ours: %v", err)
	}
	if !ours("pgdeck-123") || ours("pgdeck-") || ours("pgdeck-12a") || ours("other-123") {
		t.Error("ours() misjudges names")
	}
}
