package db

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pidOf returns a connection's backend pid.
func pidOf(t *testing.T, c *pgx.Conn) int32 {
	t.Helper()
	return int32(c.PgConn().PID())
}

func TestActivityBlockingTree(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_activity", "create table acct (id int primary key, v int);\ninsert into acct values (1, 0);\n",
		Config{ReadWrite: true})
	holder, err := pgx.Connect(ctx, srv.ConnString("diag_activity"))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if _, err := holder.Exec(ctx, "begin; update acct set v = 1 where id = 1"); err != nil {
		t.Fatal(err)
	}
	waiterDone := make(chan error, 1)
	go func() {
		_, err := admin.Exec(ctx, "update acct set v = 2 where id = 1")
		waiterDone <- err
	}()
	hp, wp := pidOf(t, holder), pidOf(t, admin)

	var act Activity
	deadline := time.Now().Add(10 * time.Second)
	for {
		act, err = d.Activity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i := slices.IndexFunc(act.Backends, func(b Backend) bool { return b.PID == wp }); i >= 0 && len(act.Backends[i].BlockedBy) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiter never showed as blocked: %+v", act.Backends)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tree := BlockingTree(act.Backends)
	hi := slices.IndexFunc(tree, func(r TreeRow) bool { return r.PID == hp })
	wi := slices.IndexFunc(tree, func(r TreeRow) bool { return r.PID == wp })
	if hi != 0 || wi != 1 || tree[0].Depth != 0 || tree[1].Depth != 1 || !slices.Equal(tree[1].BlockedBy, []int32{hp}) {
		t.Fatalf("tree: holder at %d, waiter at %d: %+v", hi, wi, tree[:2])
	}
	if h := tree[0]; !h.IdleInTransaction() || h.XactMs == nil || !strings.Contains(h.Query, "update acct set v = 1") {
		t.Errorf("holder row: %+v", h.Backend)
	}
	if w := tree[1]; w.State != "active" || w.WaitEventType != "Lock" || w.QueryMs == nil || w.LongRunning() {
		t.Errorf("waiter row: %+v", w.Backend)
	}
	if len(tree) != len(act.Backends) {
		t.Errorf("tree lost backends: %d of %d", len(tree), len(act.Backends))
	}

	ok, err := d.CancelBackend(ctx, wp)
	if err != nil || !ok {
		t.Fatalf("cancel: %v %v", ok, err)
	}
	var pgErr *pgconn.PgError
	if err := <-waiterDone; !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		t.Errorf("waiter should be cancelled, got %v", err)
	}
	if ok, err := d.TerminateBackend(ctx, hp); err != nil || !ok {
		t.Fatalf("terminate: %v %v", ok, err)
	}
	ro := openTest(t, Config{})
	if _, err := ro.CancelBackend(ctx, wp); !errors.Is(err, ErrReadOnly) {
		t.Errorf("cancel in read-only mode: %v", err)
	}
}

func TestBlockingTreeCycleAndOrder(t *testing.T) {
	bs := []Backend{
		{PID: 1}, {PID: 2, BlockedBy: []int32{3}}, {PID: 3}, {PID: 4, BlockedBy: []int32{2}},
		{PID: 5, BlockedBy: []int32{6}}, {PID: 6, BlockedBy: []int32{5}}, {PID: 7, BlockedBy: []int32{99}},
	}
	tree := BlockingTree(bs)
	var got []int32
	var depth []int
	for _, r := range tree {
		got = append(got, r.PID)
		depth = append(depth, r.Depth)
	}
	if !slices.Equal(got, []int32{3, 2, 4, 1, 7, 5, 6}) || !slices.Equal(depth, []int{0, 1, 2, 0, 0, 0, 1}) {
		t.Errorf("order %v depth %v", got, depth)
	}
}

func TestActivityWithoutPrivileges(t *testing.T) {
	ctx := context.Background()
	_, admin := diagDB(t, "diag_nopriv", "", Config{})
	for _, sql := range []string{"drop role if exists diag_user", "create role diag_user login", "begin", "select pg_sleep(0)"} {
		if _, err := admin.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	defer admin.Exec(context.Background(), "rollback") //nolint:errcheck
	d, err := Open(ctx, Config{DSN: srv.ConnString("diag_nopriv") + " user=diag_user"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	act, err := d.Activity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(act.Backends, func(b Backend) bool { return b.PID == pidOf(t, admin) })
	if i < 0 || !act.Backends[i].Hidden || act.Backends[i].XactMs != nil || len(act.Notes) == 0 {
		t.Errorf("superuser session seen by diag_user: %+v notes %v", act.Backends, act.Notes)
	}
	if _, err := d.IndexHealth(ctx, 0); err != nil {
		t.Errorf("index health without privileges: %v", err)
	}
}
