package db

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/catalog"
)

const catalogFixture = `
create schema shop;
create type shop.mood as enum ('sad', 'ok', 'happy');
create table shop.customers (
  id bigint generated always as identity primary key,
  "Full Name" text not null collate "C",
  mood shop.mood,
  code varchar(12),
  initials char(3),
  tags text[]
);
comment on table shop.customers is 'people who buy';
comment on column shop.customers."Full Name" is 'as written';
create table shop.orders (
  id serial primary key,
  customer_id bigint not null references shop.customers on delete cascade on update restrict,
  total numeric(12,2) check (total >= 0),
  doubled numeric generated always as (total * 2) stored,
  placed_at timestamptz default now()
);
alter table shop.orders add constraint total_small check (total < 1000000) not valid;
create index orders_customer_idx on shop.orders (customer_id);
create index orders_lower_idx on shop.orders ((total * 3)) where total > 0;
create table shop.events (id int, at date not null) partition by range (at);
create table shop.events_2024 partition of shop.events for values from ('2024-01-01') to ('2025-01-01');
create view shop.big_orders as select * from shop.orders where total > 100;
create materialized view shop.order_totals as select customer_id, sum(total) from shop.orders group by 1;
create function shop.touch() returns trigger language plpgsql as 'begin return new; end';
create trigger orders_touch before update on shop.orders for each row execute function shop.touch();
insert into shop.customers ("Full Name") select 'c' || g from generate_series(1, 50) g;
insert into shop.orders (customer_id, total) select 1 + g % 50, g from generate_series(1, 300) g;
select setval('shop.orders_id_seq', 1500000000);
analyze;
create schema locked;
create table locked.secret (id int primary key, v text);
create role catalog_reader login;
`

// catalogDB makes a fresh database holding the fixture and returns a DB
// opened on it.
func catalogDB(t *testing.T, name, fixture string) *DB {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	c, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "drop role if exists catalog_reader"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, fixture); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return openTest(t, Config{DSN: srv.ConnString(name)})
}

func TestCatalogShapeAndAnswers(t *testing.T) {
	d := catalogDB(t, "catalog_shape", catalogFixture)
	c, err := d.Catalog(context.Background(), CatalogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Index()
	for _, s := range c.Schemas {
		if s.System {
			t.Errorf("system schema %s listed without asking", s.Name)
		}
	}
	cust := l.Relation(catalog.Key{Schema: "shop", Name: "customers"})
	if cust == nil || cust.Kind != catalog.Table || cust.Comment != "people who buy" || cust.Rows == nil || *cust.Rows != 50 {
		t.Fatalf("customers: %+v", cust)
	}
	fn := cust.Column("Full Name")
	if fn == nil || fn.Collation != `pg_catalog."C"` || !fn.NotNull || fn.Comment != "as written" {
		t.Errorf("Full Name column: %+v", fn)
	}
	if col := cust.Column("id"); col.Identity != "always" || col.Sequence == nil || col.Sequence.Name != "customers_id_seq" {
		t.Errorf("identity column: %+v", col)
	}
	if col := cust.Column("mood"); !col.Enum || col.Type != "shop.mood" || col.BaseType != "mood" {
		t.Errorf("enum column: %+v", col)
	}
	if col := cust.Column("code"); col.Length != 12 || col.BaseType != "varchar" || col.Type != "character varying(12)" {
		t.Errorf("varchar column: %+v", col)
	}
	if col := cust.Column("tags"); !col.Array || col.BaseType != "text" {
		t.Errorf("array column: %+v", col)
	}
	if col := cust.Column("Full Name"); col.Stats == nil || col.Stats.Distinct(50) != 50 {
		t.Errorf("stats of a unique column: %+v", col.Stats)
	}

	orders := l.Relation(catalog.Key{Schema: "shop", Name: "orders"})
	if orders == nil {
		t.Fatal("orders missing")
	}
	var fk, notValid *catalog.Constraint
	for i := range orders.Constraints {
		switch con := &orders.Constraints[i]; {
		case con.Type == catalog.ForeignKey:
			fk = con
		case con.Name == "total_small":
			notValid = con
		}
	}
	if fk == nil || fk.OnDelete != "CASCADE" || fk.OnUpdate != "RESTRICT" || *fk.References != cust.Key() ||
		!slices.Equal(fk.Columns, []string{"customer_id"}) || !slices.Equal(fk.RefColumns, []string{"id"}) {
		t.Errorf("foreign key: %+v", fk)
	}
	if notValid == nil || notValid.Validated || !strings.Contains(notValid.Definition, "NOT VALID") {
		t.Errorf("not valid check: %+v", notValid)
	}
	if in := l.ReferencedBy(cust.Key()); len(in) != 1 || in[0].From != orders.Key() {
		t.Errorf("referenced by: %+v", in)
	}
	if col := orders.Column("doubled"); col.GeneratedKind != "stored" || !strings.Contains(col.Generated, "total") || col.Default != nil {
		t.Errorf("generated column: %+v", col)
	}
	if col := orders.Column("id"); col.Sequence == nil || col.Default == nil || !strings.Contains(*col.Default, "nextval('shop.orders_id_seq'") {
		t.Errorf("serial column: %+v default %v", col, col.Default)
	}
	var partial *catalog.Index
	for i := range orders.Indexes {
		if orders.Indexes[i].Name == "orders_lower_idx" {
			partial = &orders.Indexes[i]
		}
	}
	if partial == nil || !partial.Expression || partial.Predicate == "" || partial.Method != "btree" || !partial.Valid || len(partial.Keys) != 1 {
		t.Errorf("partial expression index: %+v", partial)
	}
	if len(orders.Indexes) != 3 || orders.IndexBytes == 0 || orders.TableBytes == 0 {
		t.Errorf("orders indexes/sizes: %d %d %d", len(orders.Indexes), orders.IndexBytes, orders.TableBytes)
	}
	if len(orders.Triggers) != 1 || !strings.Contains(orders.Triggers[0].Definition, "shop.touch()") {
		t.Errorf("triggers: %+v", orders.Triggers)
	}

	events := l.Relation(catalog.Key{Schema: "shop", Name: "events"})
	if events == nil || events.Kind != catalog.Partitioned || len(events.Partitions) != 1 || events.PartitionKey != "RANGE (at)" {
		t.Errorf("partitioned: %+v", events)
	}
	part := l.Relation(catalog.Key{Schema: "shop", Name: "events_2024"})
	if part == nil || part.Parent == nil || *part.Parent != events.Key() || !strings.HasPrefix(part.PartitionBound, "FOR VALUES FROM") {
		t.Errorf("partition: %+v", part)
	}
	if v := l.Relation(catalog.Key{Schema: "shop", Name: "big_orders"}); v == nil || v.Kind != catalog.View || !strings.Contains(v.ViewDefinition, "total > ") {
		t.Errorf("view: %+v", v)
	}
	if v := l.Relation(catalog.Key{Schema: "shop", Name: "order_totals"}); v == nil || v.Kind != catalog.MatView {
		t.Errorf("matview: %+v", v)
	}
	if e := c.Enum("shop", "mood"); e == nil || !slices.Equal(e.Labels, []string{"sad", "ok", "happy"}) {
		t.Errorf("enum: %+v", e)
	}
	seq := l.Sequence(catalog.Key{Schema: "shop", Name: "orders_id_seq"})
	if seq == nil || seq.DataType != "integer" || seq.Max != 2147483647 || seq.Owner == nil || seq.OwnerColumn != "id" || seq.Identity {
		t.Fatalf("sequence: %+v", seq)
	}
	if f := seq.UsedFraction(); f < 0.69 || f > 0.70 {
		t.Errorf("used fraction %v, want 1.5e9/2^31", f)
	}
	if len(c.Notes) != 0 {
		t.Errorf("superuser got notes: %v", c.Notes)
	}
}

func TestCatalogWithoutPrivileges(t *testing.T) {
	d := catalogDB(t, "catalog_priv", catalogFixture)
	ctx := context.Background()
	dsn := strings.Replace(srv.ConnString("catalog_priv"), "user=postgres", "user=catalog_reader", 1)
	r := openTest(t, Config{DSN: dsn})
	c, err := r.Catalog(ctx, CatalogOptions{})
	if err != nil {
		t.Fatalf("catalog as unprivileged user: %v", err)
	}
	l := c.Index()
	if l.Relation(catalog.Key{Schema: "locked", Name: "secret"}) == nil {
		t.Error("objects of an unusable schema should still be listed")
	}
	joined := strings.Join(c.Notes, "\n")
	if !strings.Contains(joined, "schema locked") || !strings.Contains(joined, "without SELECT") {
		t.Errorf("notes: %v", c.Notes)
	}
	if seq := l.Sequence(catalog.Key{Schema: "shop", Name: "orders_id_seq"}); seq == nil || seq.LastValue != nil {
		t.Errorf("sequence position should be hidden: %+v", seq)
	}
	if _, err := r.Catalog(ctx, CatalogOptions{System: true}); err != nil {
		t.Errorf("system catalog: %v", err)
	}
	sys, _ := d.Catalog(ctx, CatalogOptions{System: true})
	if sys == nil || sys.Index().Relation(catalog.Key{Schema: "pg_catalog", Name: "pg_class"}) == nil {
		t.Error("System: true should list pg_catalog")
	}
}
