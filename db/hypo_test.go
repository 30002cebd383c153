package db

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

const hypoSetup = `
create extension hypopg;
create table orders (id int primary key, customer int, total numeric);
insert into orders select g, g % 5000, g from generate_series(1, 50000) g;
analyze orders;
`

func TestHypotheticalIndex(t *testing.T) {
	ctx := context.Background()
	requireHypoPG(t)
	d, admin := diagDB(t, "diag_hypo", hypoSetup, Config{})
	r, err := d.HypotheticalIndex(ctx, "select * from orders where customer = $1;", "create index on orders (customer)", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Used || r.AfterCost >= r.BeforeCost || !strings.Contains(r.Before, "Seq Scan") || !strings.Contains(r.Index, "btree_orders_customer") {
		t.Errorf("hypo: used=%v before=%.1f after=%.1f index=%s", r.Used, r.BeforeCost, r.AfterCost, r.Index)
	}
	// No real index was built, and the pool does not keep the hypothetical one.
	var n int
	if err := admin.QueryRow(ctx, "select count(*) from pg_indexes where tablename = 'orders'").Scan(&n); err != nil || n != 1 {
		t.Errorf("real indexes on orders: %d %v", n, err)
	}
	plan, err := d.GenericPlan(ctx, "select * from orders where customer = $1", nil)
	if err != nil || !strings.Contains(plan, "Seq Scan") {
		t.Errorf("hypothetical index leaked into a later plan: %v\n%s", err, plan)
	}
	if _, err := d.HypotheticalIndex(ctx, "select 1", "drop table orders", nil); err == nil {
		t.Error("non-CREATE statement accepted")
	}
}

// TestHypotheticalIndexAbsent: a database without the extension gets the
// error that says how to install it, on every major.
func TestHypotheticalIndexAbsent(t *testing.T) {
	ctx := context.Background()
	d2, _ := diagDB(t, "diag_nohypo", "", Config{})
	_, err := d2.HypotheticalIndex(ctx, "select 1", "create index on x (y)", nil)
	if !errors.Is(err, ErrNoHypoPG) || !strings.Contains(err.Error(), "CREATE EXTENSION hypopg") {
		t.Errorf("without hypopg: %v", err)
	}
}

func TestGenericPlan(t *testing.T) {
	ctx := context.Background()
	d, admin := diagDB(t, "diag_generic", "create table g (id int primary key, name text);\n", Config{})
	plan, err := d.GenericPlan(ctx, "select * from g where id = $1 and name = $2", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, `"Index Name": "g_pkey"`) || !strings.Contains(plan, "$1") {
		t.Errorf("generic plan:\n%s", plan)
	}
	if c, err := PlanCost(plan); err != nil || c <= 0 {
		t.Errorf("cost %v %v", c, err)
	}
	plan, err = d.GenericPlan(ctx, "select * from g where id = $1", []string{"42"})
	if err != nil || !strings.Contains(plan, "g_pkey") {
		t.Errorf("with a value: %v\n%s", err, plan)
	}
	// A second statement after a semicolon is refused, never run.
	if _, err := d.GenericPlan(ctx, "select 1; drop table g", nil); err == nil {
		t.Error("multi-statement accepted")
	}
	var n int
	if err := admin.QueryRow(ctx, "select count(*) from pg_class where relname = 'g'").Scan(&n); err != nil || n != 1 {
		t.Error("table g gone")
	}
	if _, err := d.GenericPlan(ctx, "select $1", []string{"a", "b"}); err == nil {
		t.Error("too many values accepted")
	}
	if _, err := d.GenericPlan(ctx, " ;; ", nil); err == nil {
		t.Error("empty statement accepted")
	}
	if _, err := PlanCost("not json"); err == nil {
		t.Error("bad plan accepted")
	}
}

// requireHypoPG skips a test on a server without hypopg's files (only the
// Debian 15 build has them); the absent case is tested on every major.
func requireHypoPG(t *testing.T) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var ok bool
	if err := conn.QueryRow(context.Background(), "select exists (select from pg_available_extensions where name = 'hypopg')").Scan(&ok); err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("hypopg is not available on this server")
	}
}
