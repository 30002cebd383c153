package pgtmp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// PgBouncer is a pgbouncer in front of a throwaway server, listening on a
// unix socket in the server's directory, for testing pgdeck through a
// transaction-pooling proxy.
type PgBouncer struct {
	Port      int
	SocketDir string
	proc      *child
	srv       *Server
}

// StartPgBouncer starts pgbouncer (from PATH or /usr/sbin) in the given
// pool mode ("transaction", "session", "statement") in front of s.
func (s *Server) StartPgBouncer(ctx context.Context, poolMode string) (*PgBouncer, error) {
	bin, err := exec.LookPath("pgbouncer")
	if err != nil {
		if _, statErr := os.Stat("/usr/sbin/pgbouncer"); statErr != nil {
			return nil, fmt.Errorf("pgbouncer not found (Debian/Ubuntu: apt-get install pgbouncer): %w", err)
		}
		bin = "/usr/sbin/pgbouncer"
	}
	dir := filepath.Join(s.Dir, "bouncer")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("pgbouncer directory: %w", err)
	}
	if err := s.run.own(dir); err != nil {
		return nil, err
	}
	const port = 6432
	ini := fmt.Sprintf(`[databases]
* = host=%s port=%d
[pgbouncer]
listen_addr =
listen_port = %d
unix_socket_dir = %s
auth_type = trust
auth_file = %s/userlist.txt
pool_mode = %s
max_client_conn = 100
default_pool_size = 4
logfile = %s/pgbouncer.log
pidfile =
`, s.SocketDir, s.Port, port, dir, dir, poolMode, dir)
	users := fmt.Sprintf("%q %q\n", Superuser, "")
	if err := os.WriteFile(filepath.Join(dir, "pgbouncer.ini"), []byte(ini), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "userlist.txt"), []byte(users), 0o644); err != nil {
		return nil, err
	}
	proc, err := s.run.start(exec.Command(bin, filepath.Join(dir, "pgbouncer.ini")))
	if err != nil {
		return nil, fmt.Errorf("start pgbouncer: %w", err)
	}
	b := &PgBouncer{Port: port, SocketDir: dir, proc: proc, srv: s}
	sock := filepath.Join(dir, fmt.Sprintf(".s.PGSQL.%d", port))
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, err := os.Stat(sock); err == nil {
			return b, nil
		}
		select {
		case <-proc.exited:
			log, _ := os.ReadFile(filepath.Join(dir, "pgbouncer.log"))
			return nil, fmt.Errorf("pgbouncer exited during start-up: %s", log)
		case <-ctx.Done():
			b.Close()
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			b.Close()
			return nil, fmt.Errorf("pgbouncer socket %s did not appear", sock)
		}
	}
}

// ConnString returns a key=value connection string through pgbouncer.
func (b *PgBouncer) ConnString(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", b.SocketDir, b.Port, Superuser, dbname)
}

// Close stops pgbouncer.
func (b *PgBouncer) Close() error { return b.proc.stop(5 * time.Second) }
