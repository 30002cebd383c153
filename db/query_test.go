package db

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// sinkRows is a Sink that keeps every result set it is given.
type sinkRows struct {
	sets [][]Column
	rows [][]*string
}

func (c *sinkRows) Columns(cols []Column) error { c.sets = append(c.sets, cols); return nil }

func (c *sinkRows) Row(vals [][]byte) error {
	row := make([]*string, len(vals))
	for i, v := range vals {
		if v != nil {
			s := string(v)
			row[i] = &s
		}
	}
	c.rows = append(c.rows, row)
	return nil
}

func (c *sinkRows) cell(r, col int) string {
	if c.rows[r][col] == nil {
		return "<NULL>"
	}
	return *c.rows[r][col]
}

func runOne(t *testing.T, r *Runner, sql string) (Result, *sinkRows) {
	t.Helper()
	var c sinkRows
	res, err := r.Run(context.Background(), sql, &c)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return res, &c
}

func TestRunSessionState(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	r := d.NewRunner(ConsoleRunOptions())
	runOne(t, r, "set application_name = 'pgdeck test'")
	runOne(t, r, "create temp table scratch(x int)")
	runOne(t, r, "insert into scratch values (1), (2)")
	_, c := runOne(t, r, "select current_setting('application_name'), (select count(*) from scratch)")
	if c.cell(0, 0) != "pgdeck test" || c.cell(0, 1) != "2" {
		t.Errorf("session state lost: %q %q", c.cell(0, 0), c.cell(0, 1))
	}
	res, _ := runOne(t, r, "begin")
	if res.TxStatus != 'T' {
		t.Errorf("after BEGIN tx status %c, want T", res.TxStatus)
	}
	if _, err := r.Run(context.Background(), "select 1/0", &sinkRows{}); err == nil {
		t.Fatal("want division by zero")
	}
	res, _ = runOne(t, r, "rollback")
	if res.TxStatus != 'I' {
		t.Errorf("after ROLLBACK tx status %c, want I", res.TxStatus)
	}
}

func TestRunReadOnlyDefault(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(ConsoleRunOptions())
	_, err := r.Run(context.Background(), "create table nope(x int)", &sinkRows{})
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Code != "25006" {
		t.Fatalf("want read-only error 25006, got %v", err)
	}
}

func TestRunPgBouncerReadOnlyPerTx(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	d.Session.ReadOnlyPerTx = true
	r := d.NewRunner(ConsoleRunOptions())
	_, err := r.Run(context.Background(), "create table nope(x int)", &sinkRows{})
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Code != "25006" {
		t.Fatalf("want read-only error 25006 under BEGIN READ ONLY, got %v", err)
	}
	res, c := runOne(t, r, "select 42")
	if c.cell(0, 0) != "42" || res.TxStatus != 'I' {
		t.Errorf("got %q, tx %c", c.cell(0, 0), res.TxStatus)
	}
}

func TestRunStreamingCapsAndFetchMore(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(RunOptions{FetchSize: 300, MaxRows: 1000})
	res, c := runOne(t, r, "select g from generate_series(1, 2500) g")
	if res.Rows != 1000 || !res.More || res.CappedBy != "rows" || len(c.rows) != 1000 {
		t.Fatalf("first batch: %+v (%d rows)", res, len(c.rows))
	}
	if res.TxStatus != 'T' {
		t.Errorf("cursor should hold a transaction open, status %c", res.TxStatus)
	}
	var total []string
	for _, row := range c.rows {
		total = append(total, *row[0])
	}
	for i := 0; i < 3 && res.More; i++ {
		var more sinkRows
		var err error
		res, err = r.FetchMore(context.Background(), &more)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range more.rows {
			total = append(total, *row[0])
		}
	}
	if res.More || len(total) != 2500 || total[2499] != "2500" || total[1000] != "1001" {
		t.Fatalf("after fetch more: more=%v rows=%d", res.More, len(total))
	}
	if res.TxStatus != 'I' {
		t.Errorf("transaction left open after the cursor ended: %c", res.TxStatus)
	}
	// A new statement closes a cursor left open.
	r2 := d.NewRunner(RunOptions{FetchSize: 10, MaxRows: 10})
	res, _ = runOne(t, r2, "select g from generate_series(1, 100) g")
	if !res.More {
		t.Fatal("want a capped result")
	}
	res, _ = runOne(t, r2, "select 1")
	if res.TxStatus != 'I' {
		t.Errorf("cursor transaction not ended by the next run: %c", res.TxStatus)
	}
}

func TestRunByteCap(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(RunOptions{FetchSize: 100, MaxBytes: 50_000})
	res, _ := runOne(t, r, "select repeat('x', 1000) from generate_series(1, 1000)")
	if !res.More || res.CappedBy != "bytes" || res.Rows >= 1000 || res.Rows < 40 {
		t.Fatalf("byte cap: %+v", res)
	}
	// Without a cursor the rest is read but not delivered.
	r = d.NewRunner(RunOptions{MaxRows: 5})
	res, c := runOne(t, r, "select g from generate_series(1, 50) g")
	if len(c.rows) != 5 || !res.More || res.RowsAffected != 50 {
		t.Fatalf("stream cap: %+v", res)
	}
}

func TestRunNullsAndEdgeShapes(t *testing.T) {
	d := openTest(t, Config{})
	for _, opts := range []RunOptions{ConsoleRunOptions(), {}} {
		r := d.NewRunner(opts)
		_, c := runOne(t, r, "select null::text, ''::text, 'a'")
		if c.rows[0][0] != nil || c.rows[0][1] == nil || *c.rows[0][1] != "" {
			t.Errorf("NULL and empty string must differ: %v %v", c.rows[0][0], c.rows[0][1])
		}
		res, c := runOne(t, r, "select")
		if !res.HasRows || len(c.sets[0]) != 0 || len(c.rows) != 1 {
			t.Errorf("zero columns: %+v rows=%d", res, len(c.rows))
		}
		_, c = runOne(t, r, "select repeat('é', 5*1024*1024)")
		if n := len(*c.rows[0][0]); n != 10*1024*1024 {
			t.Errorf("10 MB value came back as %d bytes", n)
		}
		_, c = runOne(t, r, `select E'\x1b]0;pwned\x07'`)
		if c.cell(0, 0) != "\x1b]0;pwned\x07" {
			t.Errorf("control characters altered: %q", c.cell(0, 0))
		}
		var cols []string
		for i := range 1000 {
			cols = append(cols, fmt.Sprintf("%d as c%d", i, i))
		}
		_, c = runOne(t, r, "select "+strings.Join(cols, ", "))
		if len(c.sets[0]) != 1000 || c.cell(0, 999) != "999" || c.sets[0][999].Name != "c999" {
			t.Errorf("1000 columns: %d", len(c.sets[0]))
		}
	}
}

func TestRunErrorPositionAndNotices(t *testing.T) {
	d := openTest(t, Config{})
	for _, opts := range []RunOptions{ConsoleRunOptions(), {}} {
		r := d.NewRunner(opts)
		sql := "select 1,\n  nosuchcol from pg_class"
		_, err := r.Run(context.Background(), sql, &sinkRows{})
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Fatalf("want QueryError, got %v", err)
		}
		if qe.Code != "42703" || qe.ByteOffset() != strings.Index(sql, "nosuchcol") {
			t.Errorf("code %s offset %d, want 42703 at %d", qe.Code, qe.ByteOffset(), strings.Index(sql, "nosuchcol"))
		}
		_, err = r.Run(context.Background(), "select 'x'::int", &sinkRows{})
		if !errors.As(err, &qe) || qe.Code != "22P02" {
			t.Errorf("want invalid input error, got %v", err)
		}
		_, err = r.Run(context.Background(), "select * from pg_class where relname = 1", &sinkRows{})
		if !errors.As(err, &qe) || qe.Hint == "" {
			t.Errorf("want an error with a hint, got %#v", err)
		}
		res, _ := runOne(t, r, "do $$ begin raise notice 'hello %', 42 using hint = 'a hint'; end $$")
		if len(res.Notices) != 1 || res.Notices[0].Message != "hello 42" || res.Notices[0].Hint != "a hint" {
			t.Errorf("notices: %+v", res.Notices)
		}
	}
}

func TestRunErrorMidStream(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(RunOptions{FetchSize: 100, MaxRows: 100_000})
	var c sinkRows
	_, err := r.Run(context.Background(), "select 1/(1000-g) from generate_series(1, 2000) g", &c)
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Code != "22012" {
		t.Fatalf("want division by zero, got %v", err)
	}
	if len(c.rows) < 900 || len(c.rows) >= 1000 {
		t.Errorf("rows before the error: %d, want the batches before row 1000", len(c.rows))
	}
	res, c2 := runOne(t, r, "select 7")
	if c2.cell(0, 0) != "7" || res.TxStatus != 'I' {
		t.Errorf("session not usable after a mid-stream error: tx %c", res.TxStatus)
	}
}

func TestRunCancelKeepsSession(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(ConsoleRunOptions())
	var pid string
	_, c := runOne(t, r, "select pg_backend_pid()")
	pid = c.cell(0, 0)
	for _, sql := range []string{"select pg_sleep(60)", "select pg_sleep(60) from generate_series(1,2)"} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		_, err := r.Run(ctx, sql, &sinkRows{})
		cancel()
		var qe *QueryError
		if !errors.As(err, &qe) || !qe.Canceled() {
			t.Fatalf("want a cancelled statement, got %v", err)
		}
		res, c := runOne(t, r, "select pg_backend_pid()")
		if c.cell(0, 0) != pid || res.TxStatus != 'I' {
			t.Fatalf("session changed after cancel: pid %s→%s tx %c", pid, c.cell(0, 0), res.TxStatus)
		}
	}
	var active int
	err := d.Read(context.Background(), func(q Querier) error {
		return q.QueryRow(context.Background(),
			"select count(*) from pg_stat_activity where pid = $1::int and state = 'active' and query like '%pg_sleep%'", pid).Scan(&active)
	})
	if err != nil || active != 0 {
		t.Errorf("server still runs the cancelled query: %d (%v)", active, err)
	}
}

func TestRunBackendKilled(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(ConsoleRunOptions())
	_, c := runOne(t, r, "select pg_backend_pid()")
	pid := c.cell(0, 0)
	killer, err := pgx.Connect(context.Background(), srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(context.Background())
	killed := make(chan struct{})
	go func() {
		defer close(killed)
		time.Sleep(300 * time.Millisecond)
		_, _ = killer.Exec(context.Background(), "select pg_terminate_backend($1::int)", pid)
	}()
	_, err = r.Run(context.Background(), "select pg_sleep(30)", &sinkRows{})
	<-killed
	var lost *LostError
	if !errors.As(err, &lost) {
		t.Fatalf("want LostError, got %v", err)
	}
	_, err = r.Run(context.Background(), "select 1", &sinkRows{})
	if !errors.Is(err, ErrSessionReset) {
		t.Fatalf("want ErrSessionReset on the next run, got %v", err)
	}
	_, c = runOne(t, r, "select 2")
	if c.cell(0, 0) != "2" {
		t.Error("session not usable after reconnect")
	}
}

func TestRunHoldWrites(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	r := d.NewRunner(RunOptions{FetchSize: 100, HoldWrites: true})
	runOne(t, r, "create table if not exists held(x int)")
	if err := r.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	runOne(t, r, "insert into held values (1), (2)")
	if err := r.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, _ := runOne(t, r, "update held set x = x + 10")
	if !res.Pending || res.RowsAffected != 2 || !strings.Contains(res.Danger, "WHERE") || res.TxStatus != 'T' {
		t.Fatalf("held update: %+v", res)
	}
	if err := r.Rollback(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, c := runOne(t, r, "select sum(x) from held")
	if c.cell(0, 0) != "3" {
		t.Errorf("rollback did not undo the update: sum %s", c.cell(0, 0))
	}
	res, _ = runOne(t, r, "delete from held where x = 1")
	if !res.Pending || res.Danger != "" {
		t.Fatalf("held delete with where: %+v", res)
	}
	if err := r.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, c = runOne(t, r, "select count(*) from held")
	if c.cell(0, 0) != "1" {
		t.Errorf("commit did not keep the delete: %s rows", c.cell(0, 0))
	}
	if err := r.Commit(context.Background()); err == nil {
		t.Error("Commit with nothing pending should fail")
	}
	runOne(t, r, "drop table held")
	_ = r.Commit(context.Background())
}
