package db

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pgdeck/pgdeck/finding"
)

func TestOpenReadOnlyByDefault(t *testing.T) {
	d := openTest(t, Config{})
	ctx := context.Background()
	err := d.Session.Do(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "create table ro_probe(x int)")
		return err
	})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "25006" {
		t.Fatalf("write in read-only session: want SQLSTATE 25006, got %v", err)
	}
	if !d.ReadOnly() || !d.Info.DefaultReadOnly {
		t.Errorf("ReadOnly=%v DefaultReadOnly=%v", d.ReadOnly(), d.Info.DefaultReadOnly)
	}
	if err := d.Write(ctx, func(Querier) error { return nil }); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Write in read-only mode: %v", err)
	}
}

func TestOpenReadWrite(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	err := d.Session.Do(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "create temp table rw_probe(x int)")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestInfo(t *testing.T) {
	d := openTest(t, Config{})
	i := d.Info
	if i.Major() != srv.Version || i.User != "postgres" || i.Database != "postgres" || !i.Superuser || !i.SeesAllStats() {
		t.Errorf("info: %+v", i)
	}
	if i.PGSSPreloaded == nil || !*i.PGSSPreloaded || i.PGSSInstalled {
		t.Errorf("pg_stat_statements preloaded=%v installed=%v (want preloaded, not installed in postgres db)", i.PGSSPreloaded, i.PGSSInstalled)
	}
	if i.StartedAt.IsZero() || i.StartedAt.After(time.Now()) {
		t.Errorf("started at %v", i.StartedAt)
	}
	var app string
	if err := d.Read(context.Background(), func(q Querier) error {
		return q.QueryRow(context.Background(), "select current_setting('application_name')").Scan(&app)
	}); err != nil || app != AppName {
		t.Errorf("application_name=%q err=%v", app, err)
	}
}

func TestReadAppliesTimeouts(t *testing.T) {
	d := openTest(t, Config{StatementTimeout: 150 * time.Millisecond, LockTimeout: 70 * time.Millisecond})
	ctx := context.Background()
	var st, lt string
	err := d.Read(ctx, func(q Querier) error {
		return q.QueryRow(ctx, "select current_setting('statement_timeout'), current_setting('lock_timeout')").Scan(&st, &lt)
	})
	if err != nil || st != "150ms" || lt != "70ms" {
		t.Fatalf("statement_timeout=%q lock_timeout=%q err=%v", st, lt, err)
	}
	err = d.Read(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, "select pg_sleep(5)")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "statement timeout") {
		t.Fatalf("want statement timeout, got %v", err)
	}
	// The pool survives the timeout.
	if err := d.Read(ctx, func(q Querier) error { _, err := q.Exec(ctx, "select 1"); return err }); err != nil {
		t.Fatal(err)
	}
}

// TestCancelKeepsSession is the reason for the CancelRequest handler: pgx
// would otherwise close the connection when a query's context is cancelled.
func TestCancelKeepsSession(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	must := func(sql string) {
		t.Helper()
		if err := d.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, sql); return err }); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	must("set work_mem = '13MB'")
	must("create temp table keep_me(x int)")
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	err := d.Session.Do(cctx, func(c *pgx.Conn) error { _, err := c.Exec(cctx, "select pg_sleep(30)"); return err })
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		t.Fatalf("want query_canceled 57014, got %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("cancel took %v", time.Since(start))
	}
	var wm string
	var n int
	err = d.Session.Do(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "select current_setting('work_mem'), (select count(*) from keep_me)").Scan(&wm, &n)
	})
	if err != nil || wm != "13MB" {
		t.Fatalf("session state lost after cancel: work_mem=%q err=%v", wm, err)
	}
}

func TestKilledBackendReconnects(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	var pid int
	if err := d.Session.Do(ctx, func(c *pgx.Conn) error { return c.QueryRow(ctx, "select pg_backend_pid()").Scan(&pid) }); err != nil {
		t.Fatal(err)
	}
	killer, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(ctx)
	if _, err := killer.Exec(ctx, "select pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	err = d.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, "select 1"); return err })
	var lost *LostError
	if !errors.As(err, &lost) || !strings.Contains(err.Error(), "reconnect") {
		t.Fatalf("first statement after kill: want LostError, got %v", err)
	}
	var pid2 int
	err = d.Session.Do(ctx, func(c *pgx.Conn) error { return c.QueryRow(ctx, "select pg_backend_pid()").Scan(&pid2) })
	if !errors.Is(err, ErrSessionReset) || pid2 == 0 || pid2 == pid {
		t.Fatalf("second statement: want ErrSessionReset and a new backend, got pid %d→%d err %v", pid, pid2, err)
	}
	if err := d.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, "select 1"); return err }); err != nil {
		t.Fatalf("third statement: %v", err)
	}
}

func TestConnectErrors(t *testing.T) {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "create role pwuser login password 'right-horse'"); err != nil {
		t.Fatal(err)
	}

	// A listener that accepts and never answers: the connect timeout must
	// end the attempt with a clear message.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	silentPort := silent.Addr().(*net.TCPAddr).Port
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()

	port := strconv.Itoa(srv.Port)
	cases := []struct {
		name, dsn string
		want      []string
		notWant   string
	}{
		{"wrong password", "host=127.0.0.1 port=" + port + " user=pwuser password=wrong dbname=postgres sslmode=disable",
			[]string{"password authentication failed", `"pwuser"`}, "wrong"},
		{"no such database", srv.ConnString("nosuchdb"), []string{`database "nosuchdb" does not exist`}, ""},
		{"refused", "host=127.0.0.1 port=" + strconv.Itoa(closedPort) + " user=x dbname=x sslmode=disable", []string{"connection refused", "127.0.0.1"}, ""},
		{"timeout", "host=127.0.0.1 port=" + strconv.Itoa(silentPort) + " user=x dbname=x sslmode=disable connect_timeout=1", []string{"timed out", "127.0.0.1"}, ""},
		{"malformed", "postgres://u:s3cret@host:notaport/db", []string{"invalid connection string"}, "s3cret"},
		{"no socket", "host=/nonexistent port=5432 user=x dbname=x", []string{"no such socket"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			d, err := Open(ctx, Config{DSN: c.dsn})
			if err == nil {
				d.Close()
				t.Fatal("Open succeeded")
			}
			var ce *ConnectError
			if !errors.As(err, &ce) {
				t.Errorf("not a ConnectError: %T %v", err, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if c.notWant != "" && strings.Contains(err.Error(), c.notWant) {
				t.Errorf("error %q leaks %q", err, c.notWant)
			}
			if time.Since(start) > 30*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
	// The right password works, through the environment as psql users expect.
	t.Setenv("PGPASSWORD", "right-horse")
	t.Setenv("PGUSER", "pwuser")
	t.Setenv("PGHOST", "127.0.0.1")
	t.Setenv("PGPORT", port)
	t.Setenv("PGDATABASE", "postgres")
	t.Setenv("PGSSLMODE", "disable")
	d, err := Open(ctx, Config{})
	if err != nil {
		t.Fatalf("Open from PG* variables: %v", err)
	}
	defer d.Close()
	if d.Info.User != "pwuser" || d.Info.Superuser || d.Info.SeesAllStats() || d.Info.PGSSPreloaded != nil {
		t.Errorf("info for pwuser: %+v", d.Info)
	}
}

// TestKeywordsMatchServer keeps finding's quoting list honest: every word
// this server says needs quoting must be in it.
func TestKeywordsMatchServer(t *testing.T) {
	d := openTest(t, Config{})
	ctx := context.Background()
	var words []string
	err := d.Read(ctx, func(q Querier) error {
		rows, err := q.Query(ctx, "select word from pg_get_keywords() where catcode <> 'U'")
		if err != nil {
			return err
		}
		words, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil || len(words) < 100 {
		t.Fatalf("keywords: %d %v", len(words), err)
	}
	for _, w := range words {
		if !finding.IsKeyword(w) {
			t.Errorf("server keyword %q is not quoted by finding.QuoteIdent", w)
		}
	}
	// Keywords and other names quote_ident treats specially must come out
	// exactly as the server quotes them.
	names := append(words, "a$1", "Mixed", "with space", "_x9", "9lives", `q"uote`, "café", "tasks")
	for _, w := range names {
		var quoted string
		if err := d.Read(ctx, func(q Querier) error { return q.QueryRow(ctx, "select quote_ident($1)", w).Scan(&quoted) }); err != nil {
			t.Fatal(err)
		}
		if got := finding.QuoteIdent(w); got != quoted {
			t.Errorf("QuoteIdent(%q)=%s, server says %s", w, got, quoted)
		}
	}
}

func TestOverview(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	if err := d.Session.Do(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, `create schema if not exists ov; create table if not exists ov.t(id int primary key); insert into ov.t select generate_series(1, 1000) on conflict do nothing; select count(*) from ov.t`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	o, err := d.Overview(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if o.Schemas < 2 || o.Tables < 1 || o.Indexes < 1 || o.Connections < 2 || o.MaxConnections != 60 || o.DatabaseBytes == nil || *o.DatabaseBytes < 1<<20 {
		t.Errorf("overview: %+v", o)
	}
	if o.CacheHitRatio == nil || *o.CacheHitRatio <= 0 || *o.CacheHitRatio > 1 {
		t.Errorf("cache hit ratio %v", o.CacheHitRatio)
	}
	if o.Version == "" || o.StartedAt.IsZero() || o.InRecovery {
		t.Errorf("overview facts: %+v", o)
	}
	if o2, err := d.Overview(ctx, false); err != nil || o2.DatabaseBytes != nil {
		t.Errorf("size read although not asked for: %v %v", o2.DatabaseBytes, err)
	}
}

// TestOwnQueriesMarked checks pgdeck's own diagnostics reach
// pg_stat_statements with the marker, so the Slow queries pane can tell
// them from the application's.
func TestOwnQueriesMarked(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	if err := d.Session.Do(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "create extension if not exists pg_stat_statements")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Overview(ctx, false); err != nil {
		t.Fatal(err)
	}
	var n int
	err := d.Read(ctx, func(q Querier) error {
		return q.QueryRow(ctx, "select count(*) from pg_stat_statements where query like $1", OwnQueryMarker+"%The Overview pane%").Scan(&n)
	})
	if err != nil || n == 0 {
		t.Fatalf("overview query not recorded with the marker: n=%d err=%v", n, err)
	}
	if !IsOwnQuery(OwnQueryMarker+"select 1") || IsOwnQuery("select 1 /* pgdeck */") {
		t.Error("IsOwnQuery misjudges")
	}
}
