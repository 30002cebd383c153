package db

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const csvFixture = `select * from (values
  (1, 'plain', 1.50::numeric(10,2), '2024-03-01 12:00:00+00'::timestamptz, array['a','b c','d,e']::text[], '{"k": [1, "x,y"]}'::jsonb),
  (2, null, null, null, null, null),
  (3, '', 0.0001, 'infinity', '{}', '"str"'),
  (4, 'has "quotes", commas', -1e20, '1999-12-31 23:59:59.999999-08', array[null,'q"'], 'null'),
  (5, E'line1\nline2\r\nend', 'NaN', '2000-01-01', array[[1,2],[3,4]]::text[], '[1, 2.50]'),
  (6, 'héllo wörld ✓ 日本', 12345678901234567890.123, '2024-01-01', array['  sp '], '{}'),
  (7, '\.', 1, '2024-06-01', array['\.'], '{}'),
  (8, E'tab\there', 2, '2024-06-01', array[E'\\'], '{}')
) as t(id, "weird, ""name""", num, ts, arr, js) order by id`

// TestCSVMatchesPsql runs the same scripts through psql --csv and through
// RunScript with the csv writer and compares the bytes.
func TestCSVMatchesPsql(t *testing.T) {
	d := openTest(t, Config{})
	scripts := []string{
		csvFixture,
		"select 1 as a, null as b, '' as c",
		"select",
		"select 1 as x; set timezone = 'Asia/Kolkata'; select '2024-01-01 00:00+00'::timestamptz as t",
		"select g, g * 1.5 as f, md5(g::text) from generate_series(1, 3000) g",
		"select 1 where false",
		"select E'\\x1b]0;pwned\\x07' as esc",
	}
	for _, script := range scripts {
		cmd := exec.Command(srv.Bin("psql"), "-X", "--csv", "-d", srv.ConnString("postgres"), "-c", script)
		want, err := cmd.Output()
		if err != nil {
			t.Fatalf("psql: %v", err)
		}
		var got bytes.Buffer
		w, err := NewResultWriter(&got, "csv")
		if err != nil {
			t.Fatal(err)
		}
		r := d.NewRunner(RunOptions{})
		if err := RunScript(context.Background(), r, script, w, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("script %.60q:\npsql:\n%q\npgdeck:\n%q", script, clip(want), clip(got.Bytes()))
		}
	}
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

func TestJSONAndMarkdownAndTable(t *testing.T) {
	d := openTest(t, Config{})
	r := d.NewRunner(RunOptions{})
	var out bytes.Buffer
	w, _ := NewResultWriter(&out, "json")
	if err := RunScript(context.Background(), r, "select 1 as n, true as b, null::text as z, '{\"a\":1}'::jsonb as j, 'x' as s, 1.50 as num", w, nil); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, out.String())
	}
	if rows[0]["n"] != float64(1) || rows[0]["b"] != true || rows[0]["z"] != nil || rows[0]["s"] != "x" || rows[0]["num"] != 1.5 {
		t.Errorf("json row: %v", rows[0])
	}
	if j, ok := rows[0]["j"].(map[string]any); !ok || j["a"] != float64(1) {
		t.Errorf("jsonb not embedded: %v", rows[0]["j"])
	}
	out.Reset()
	w, _ = NewResultWriter(&out, "markdown")
	if err := RunScript(context.Background(), r, "select 1 as n, 'a|b' as s, null as z", w, nil); err != nil {
		t.Fatal(err)
	}
	if want := "| n | s | z |\n|---:|---|---|\n| 1 | a\\|b | *NULL* |\n\n"; out.String() != want {
		t.Errorf("markdown:\n%q\nwant\n%q", out.String(), want)
	}
	out.Reset()
	w, _ = NewResultWriter(&out, "table")
	if err := RunScript(context.Background(), r, "select 10 as num, E'x\\x1b[2Jy' as txt union all select 2, 'z'", w, nil); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "\x1b") || !strings.Contains(got, `x\x1b[2Jy`) || !strings.Contains(got, "  2 | z") || !strings.Contains(got, "(2 rows)") {
		t.Errorf("table:\n%s", got)
	}
	if _, err := NewResultWriter(&out, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestMetaSQL(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	r := d.NewRunner(ConsoleRunOptions())
	runOne(t, r, `create temp table "meta it"(id int primary key, note text default 'x' not null)`)
	for _, c := range []struct {
		cmd  string
		cols []string
		want string // a value some row must hold
	}{
		{`\d "meta it"`, []string{"Column", "Type", "Collation", "Nullable", "Default"}, "not null"},
		{`\d`, []string{"Schema", "Name", "Type", "Owner"}, "meta it"},
		{`\dt`, []string{"Schema", "Name", "Type", "Owner"}, "meta it"},
		{`\di`, []string{"Schema", "Name", "Type", "Owner", "Table"}, "meta it_pkey"},
		{`\dn`, []string{"Name", "Owner"}, "public"},
		{`\df`, []string{"Schema", "Name", "Result data type", "Argument data types", "Type"}, ""},
	} {
		sql, ok := MetaSQL(c.cmd)
		if !ok {
			t.Fatalf("%s not recognised", c.cmd)
		}
		_, rows := runOne(t, r, sql)
		var names []string
		for _, col := range rows.sets[0] {
			names = append(names, col.Name)
		}
		if strings.Join(names, ",") != strings.Join(c.cols, ",") {
			t.Errorf("%s columns %v", c.cmd, names)
		}
		found := c.want == ""
		for i := range rows.rows {
			for j := range rows.rows[i] {
				found = found || rows.cell(i, j) == c.want
			}
		}
		if !found {
			t.Errorf("%s: no row holds %q", c.cmd, c.want)
		}
	}
	if _, ok := MetaSQL(`\x`); ok {
		t.Error(`\x is not a catalog query`)
	}
	if _, err := r.Run(context.Background(), mustMeta(t, `\d no_such_table`), &sinkRows{}); err == nil {
		t.Error("want an error for a missing relation")
	}
}

func mustMeta(t *testing.T, cmd string) string {
	t.Helper()
	s, ok := MetaSQL(cmd)
	if !ok {
		t.Fatalf("%s not recognised", cmd)
	}
	return s
}

func TestCSVPlain(t *testing.T) {
	for v, plain := range map[string]bool{"": true, "abc": true, `\.`: false, `\.x`: true, "a,b": false, `a"b`: false, "a\rb": false, "a\nb": false, "é": true} {
		if got := csvPlain([]byte(v)); got != plain {
			t.Errorf("csvPlain(%q) = %v", v, got)
		}
	}
}
