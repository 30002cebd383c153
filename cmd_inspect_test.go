package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

func runInspect(t *testing.T, args ...string) (map[string]any, string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errw bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errw)
	root.SetArgs(append([]string{"inspect"}, args...))
	err := root.ExecuteContext(context.Background())
	var doc map[string]any
	if strings.Contains(strings.Join(args, " "), "json") && out.Len() > 0 {
		if jerr := json.Unmarshal(out.Bytes(), &doc); jerr != nil {
			t.Fatalf("inspect %v: bad json %v:\n%s", args, jerr, out.String())
		}
	}
	return doc, out.String(), err
}

func TestInspect(t *testing.T) {
	ctx := context.Background()
	srv, err := pgtmp.Start(ctx, pgtmp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := pgx.Connect(ctx, srv.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, s := range []string{
		"create extension pg_stat_statements",
		"create table p (id int primary key)",
		"create table c (id int primary key, p_id int references p, a int)",
		"create index c_a on c (a)", "create index c_a_id on c (a, id)",
		"select * from c where a = 1",
	} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	dsn := srv.ConnString("postgres")

	doc, _, err := runInspect(t, "slow", dsn, "--format", "json", "--limit", "5")
	if err != nil {
		t.Fatal(err)
	}
	rows := doc["rows"].([]any)
	if len(rows) == 0 || len(rows) > 5 {
		t.Fatalf("slow rows: %d", len(rows))
	}
	r0 := rows[0].(map[string]any)
	for _, k := range []string{"queryid", "query", "calls", "total_ms", "mean_ms"} {
		if _, ok := r0[k]; !ok {
			t.Errorf("slow row lacks %s: %v", k, r0)
		}
	}
	if _, ok := r0["queryid"].(string); !ok {
		t.Errorf("queryid should be a string: %v", r0["queryid"])
	}

	doc, _, err = runInspect(t, "indexes", dsn, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range doc["findings"].([]any) {
		m := f.(map[string]any)
		rules[m["rule"].(string)+" "+m["object"].(string)] = true
	}
	if !rules["duplicate-index public.c_a"] || !rules["fk-missing-index public.c"] {
		t.Errorf("index findings: %v", rules)
	}

	doc, _, err = runInspect(t, "activity", dsn, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range doc["rows"].([]any) {
		m := r.(map[string]any)
		if _, ok := m["blocked_by"].([]any); !ok || m["pid"] == nil {
			t.Errorf("activity row: %v", m)
		}
	}

	doc, _, err = runInspect(t, "health", dsn, "--format", "json")
	if err != nil {
		t.Fatalf("healthy server: %v", err)
	}
	for _, r := range doc["rows"].([]any) {
		m := r.(map[string]any)
		if s := m["status"]; s != "healthy" && s != "degraded" {
			t.Errorf("health row: %v", m)
		}
		for _, k := range []string{"check", "value", "threshold"} {
			if _, ok := m[k]; !ok {
				t.Errorf("health row lacks %s", k)
			}
		}
	}
	// A sequence past 90% of its integer column's range is critical.
	for _, s := range []string{"create table s (id serial primary key)", "select setval('s_id_seq', 2100000000)"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	_, text, err := runInspect(t, "health", dsn)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(text, "critical") {
		t.Errorf("critical health: %v\n%s", err, text)
	}
	if _, _, err := runInspect(t, "bogus", dsn); err == nil {
		t.Error("unknown report accepted")
	}
}
