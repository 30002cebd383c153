package schema_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/advise/schema"
	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

// makeDB creates database name from template (or empty) and runs the
// statements, each outside a transaction so failed concurrent builds
// leave their invalid index behind (those may fail; nothing else may).
func makeDB(t *testing.T, name, template string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	q := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, "drop database if exists "+q+" with (force)"); err != nil {
		t.Fatal(err)
	}
	create := "create database " + q
	if template != "" {
		create += " template " + pgx.Identifier{template}.Sanitize()
	}
	if _, err := admin.Exec(ctx, create); err != nil {
		t.Fatal(err)
	}
	c, err := pgx.Connect(ctx, srv.ConnString(name))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, s := range stmts {
		if _, err := c.Exec(ctx, s); err != nil && !strings.Contains(s, "concurrently") {
			t.Fatalf("fixture: %v", err)
		}
	}
}

func fixture(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func load(t *testing.T, name string) *catalog.Catalog {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString(name)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.Catalog(context.Background(), db.CatalogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestProblemsAndTwins(t *testing.T) {
	makeDB(t, "advise_problems", "", fixture(t, "problems.sql"),
		"create unique index concurrently dupes_v_key on bad.dupes (v)")
	items := schema.Check(load(t, "advise_problems"), schema.Options{})
	got := map[string]bool{}
	for _, it := range items {
		got[it.Rule+" "+it.Object] = true
		if strings.HasPrefix(it.Object, "good.") {
			t.Errorf("false positive on the well-designed twin: %s (fix %s)", it.Finding, it.Fix)
		}
		if it.Message == "" || it.Relation == (catalog.Key{}) {
			t.Errorf("finding without message or relation: %+v", it)
		}
	}
	for _, want := range []string{
		"fk-missing-index bad.memberships", "no-primary-key bad.memberships", "junction-missing-unique bad.memberships",
		"nullable-fk bad.memberships.user_id", "float-money bad.payments.amount", "timestamp-without-tz bad.payments.paid_at",
		"varchar-length bad.payments.code", "char-type bad.payments.country", "json-not-jsonb bad.payments.payload",
		"serial-not-identity bad.payments.id", "int-pk-overflow-risk bad.payments.id", "sequence-near-exhaustion bad.payments_id_seq",
		"enum-like-text bad.payments.status", "duplicate-index bad.payments_code_idx", "invalid-index bad.dupes_v_key",
		"no-primary-key bad.logs", "missing-timestamps bad.logs",
	} {
		if !got[want] {
			t.Errorf("missing finding %q", want)
		}
	}
	for _, it := range items {
		if it.Rule == "enum-like-text" && it.Object == "bad.payments.status" &&
			!strings.Contains(it.Fix, "'new'") || strings.Contains(it.Fix, "…") && it.Rule == "enum-like-text" {
			t.Errorf("enum-like fix should list the values: %s", it.Fix)
		}
		if it.Rule == "int-pk-overflow-risk" && !strings.Contains(it.Message, "83.8% already used") {
			t.Errorf("int key message should give the share used: %s", it.Message)
		}
	}
	// Disabling a rule removes exactly its findings.
	off := schema.Check(load(t, "advise_problems"), schema.Options{Disabled: map[string]bool{"fk-missing-index": true}})
	for _, it := range off {
		if it.Rule == "fk-missing-index" {
			t.Errorf("disabled rule reported: %s", it.Finding)
		}
	}
	if len(off) >= len(items) {
		t.Errorf("disabling fk-missing-index kept %d of %d findings", len(off), len(items))
	}
}

// TestHostileIdentifierFixes applies every fix for objects with hostile
// names to a fresh copy of the database: each must parse and run, and
// afterwards its finding must be gone.
func TestHostileIdentifierFixes(t *testing.T) {
	makeDB(t, "advise_hostile", "", fixture(t, "hostile.sql"))
	items := schema.Check(load(t, "advise_hostile"), schema.Options{})
	want := map[string]bool{
		`float-money "Weird ""Schema"""."Order Items"."Total Price"`:                                       true,
		`json-not-jsonb "Weird ""Schema"""."Order Items"."Payload ☃"`:                                      true,
		`timestamp-without-tz "Weird ""Schema"""."Order Items"."When"`:                                     true,
		`serial-not-identity "Weird ""Schema"""."Order Items"."select"`:                                    true,
		`fk-missing-index "Weird ""Schema"""."Order Items"`:                                                true,
		`nullable-fk "Weird ""Schema"""."Order Items"."user"`:                                              true,
		`duplicate-index "Weird ""Schema"""."Dup ""1"""`:                                                   true,
		`no-primary-key "Weird ""Schema"""."table"`:                                                        true,
		`no-primary-key "Weird ""Schema"""."ábcdefghijklmnopqrstuvwxyzábcdefghijklmnopqrstuvwxyzábcdefgh"`: true,
	}
	for i, it := range items {
		delete(want, it.Rule+" "+it.Object)
		if it.Fix == "" {
			continue
		}
		name := fmt.Sprintf("hostile_fix_%d", i)
		makeDB(t, name, "advise_hostile")
		c, err := pgx.Connect(context.Background(), srv.ConnString(name))
		if err != nil {
			t.Fatal(err)
		}
		stmts := it.Steps
		if len(stmts) == 0 || it.Rule == "serial-not-identity" {
			stmts = []string{it.Fix}
		}
		for _, s := range stmts {
			if _, err := c.Exec(context.Background(), s); err != nil {
				t.Errorf("%s on %s: fix does not run: %v\n%s", it.Rule, it.Object, err, s)
			}
		}
		c.Close(context.Background())
		for _, again := range schema.Check(load(t, name), schema.Options{}) {
			if again.Rule == it.Rule && again.Object == it.Object {
				t.Errorf("%s on %s still reported after its fix %s", it.Rule, it.Object, it.Fix)
			}
		}
	}
	for w := range want {
		t.Errorf("missing finding %s", w)
	}
}
