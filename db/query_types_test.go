package db

import "testing"

// TestRunTypeFamilies checks that values arrive exactly as PostgreSQL's
// text output prints them, for every type family.
func TestRunTypeFamilies(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	r := d.NewRunner(ConsoleRunOptions())
	runOne(t, r, "set timezone = 'Europe/Paris'")
	runOne(t, r, "set lc_monetary = 'C'")
	runOne(t, r, "create type pg_temp.mood as enum ('sad', 'ok')")
	runOne(t, r, "create domain pg_temp.posint as int check (value > 0)")
	cases := []struct{ expr, want, typ string }{
		{"1.50::numeric(10,2)", "1.50", "numeric"},
		{"1e100::numeric", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "numeric"},
		{"0.1::float8", "0.1", "float8"},
		{"'NaN'::float8", "NaN", "float8"},
		{"12.5::money", "$12.50", ""},
		{"'2024-03-01 12:00:00+00'::timestamptz", "2024-03-01 13:00:00+01", "timestamptz"},
		{"'2024-03-01 12:00:00.123456'::timestamp", "2024-03-01 12:00:00.123456", "timestamp"},
		{"'1 day 02:03:04'::interval", "1 day 02:03:04", "interval"},
		{"'P1Y2M'::interval", "1 year 2 mons", "interval"},
		{"array[1,2,null]::int[]", "{1,2,NULL}", "_int4"},
		{"array['a b','c,d','\"q\"']", `{"a b","c,d","\"q\""}`, "_text"},
		{`'{"b": 1, "a": [1, 2]}'::json`, `{"b": 1, "a": [1, 2]}`, "json"},
		{`'{"b": 1, "a": [1, 2]}'::jsonb`, `{"a": [1, 2], "b": 1}`, "jsonb"},
		{`'\xdeadbeef'::bytea`, `\xdeadbeef`, "bytea"},
		{"'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "uuid"},
		{"int4range(1, 10)", "[1,10)", "int4range"},
		{"tstzrange('2024-01-01 00:00+00', null)", `["2024-01-01 01:00:00+01",)`, "tstzrange"},
		{"point(1.5, 2)", "(1.5,2)", "point"},
		{"box(point(0,0), point(1,1))", "(1,1),(0,0)", "box"},
		{"circle(point(0,0), 2)", "<(0,0),2>", "circle"},
		{"'ok'::pg_temp.mood", "ok", ""},
		{"5::pg_temp.posint", "5", "int4"},
		{"true", "t", "bool"},
		{"'10.0.0.1/8'::inet", "10.0.0.1/8", "inet"},
		{"'fat & rat'::tsquery", "'fat' & 'rat'", ""},
	}
	for _, c := range cases {
		res, rows := runOne(t, r, "select "+c.expr)
		if got := rows.cell(0, 0); got != c.want {
			t.Errorf("%s: got %q, want %q", c.expr, got, c.want)
		}
		if res.Columns[0].Type != c.typ {
			t.Errorf("%s: type %q, want %q", c.expr, res.Columns[0].Type, c.typ)
		}
	}
	res, _ := runOne(t, r, "select 1::numeric, 'x'::text")
	if !res.Columns[0].Numeric() || res.Columns[1].Numeric() {
		t.Error("numeric alignment flags wrong")
	}
}
