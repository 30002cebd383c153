package db

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestNamePattern(t *testing.T) {
	for _, c := range []struct{ in, schema, name string }{
		{"", "", ""},
		{"users", "", "^(users)$"},
		{"Users*", "", "^(users.*)$"},
		{"public.t?", "^(public)$", "^(t.)$"},
		{`"My.Schema"."T*x"`, `^(My\.Schema)$`, `^(T\*x)$`},
		{"*.orders", "", "^(orders)$"},
		{`a$b`, "", `^(a\$b)$`},
	} {
		s, n := namePattern(c.in)
		if s != c.schema || n != c.name {
			t.Errorf("namePattern(%q) = %q, %q; want %q, %q", c.in, s, n, c.schema, c.name)
		}
	}
}

func TestMetaPatternsOnServer(t *testing.T) {
	d := openTest(t, Config{ReadWrite: true})
	ctx := context.Background()
	err := d.Write(ctx, func(q Querier) error {
		_, err := q.Exec(ctx, `create schema mp; create schema "Mp Two";
			create table mp.alpha (id int primary key); create table mp.alpine (id int); create table mp.beta (id int);
			create table "Mp Two"."Alpha" (id int);
			create function mp.alpha_fn() returns int language sql as 'select 1'`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r := d.NewRunner(RunOptions{})
	names := func(cmd string) string {
		t.Helper()
		var buf bytes.Buffer
		w, _ := NewResultWriter(&buf, "csv")
		if err := RunScript(ctx, r, cmd, w, nil); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n")[1:] {
			f := strings.Split(l, ",")
			out = append(out, strings.Join(f[:min(2, len(f))], "."))
		}
		return strings.Join(out, " ")
	}
	for cmd, want := range map[string]string{
		`\dt mp.alp*`:       "mp.alpha mp.alpine",
		`\dt mp.alph?`:      "mp.alpha",
		`\dt ALP*`:          "mp.alpha mp.alpine",
		`\dt "Mp Two".*`:    `Mp Two.Alpha`,
		`\dt *."Alpha"`:     `Mp Two.Alpha`,
		`\di mp.*`:          "mp.alpha_pkey",
		`\df mp.alpha*`:     "mp.alpha_fn",
		`\dn mp*`:           "mp.postgres",
		`\d mp.al*`:         "mp.alpha mp.alpine",
		`\dt nosuch.*`:      "",
		`\dt mp.'; drop x*`: "",
	} {
		if got := names(cmd); got != want {
			t.Errorf("%s: %q, want %q", cmd, got, want)
		}
	}
	var buf bytes.Buffer
	w, _ := NewResultWriter(&buf, "csv")
	err = RunScript(ctx, r, "select 1;\n\\x\n", w, nil)
	if err == nil || !strings.Contains(err.Error(), `\x: pgdeck query runs the listing meta-commands`) {
		t.Errorf("\\x in a script: %v", err)
	}
}
