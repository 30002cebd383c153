package db

import (
	"strings"
	"testing"
)

func TestSplitScript(t *testing.T) {
	cases := []struct {
		name   string
		script string
		want   []string
	}{
		{"simple", "select 1; select 2;", []string{"select 1", "select 2"}},
		{"semicolon in string", "select ';' as a; select 'x;y'", []string{"select ';' as a", "select 'x;y'"}},
		{"escape string", `select E'it\'s; fine'; select 2`, []string{`select E'it\'s; fine'`, "select 2"}},
		{"dollar quote", "create function f() returns int language sql as $$ select 1; $$; select f()",
			[]string{"create function f() returns int language sql as $$ select 1; $$", "select f()"}},
		{"tagged dollar quote", "do $body$ begin perform 1; end $body$; select 3",
			[]string{"do $body$ begin perform 1; end $body$", "select 3"}},
		{"comments", "-- a; comment\nselect 1; /* x; y */ select 2; -- trailing only",
			[]string{"-- a; comment\nselect 1", "/* x; y */ select 2"}},
		{"quoted identifier", `select 1 as "a;b"; select 2`, []string{`select 1 as "a;b"`, "select 2"}},
		{"empty statements", ";;select 1;;", []string{"select 1"}},
		{"begin atomic", "create function g() returns int language sql begin atomic select 1; select case when true then 2 end; end; select g()",
			[]string{"create function g() returns int language sql begin atomic select 1; select case when true then 2 end; end", "select g()"}},
		{"unicode", "select 'é;ü'; select 'ok'", []string{"select 'é;ü'", "select 'ok'"}},
		{"meta-commands", "select 1;\n\\dt public.t*\nselect 2\n\\timing\nselect '\\x'", []string{"select 1", `\dt public.t*`, "select 2", `\timing`, `select '\x'`}},
		{"meta ends a statement", "select 1 \\x\nselect 2", []string{"select 1", `\x`, "select 2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SplitScript(c.script)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, s := range got {
				texts = append(texts, s.SQL)
				if c.script[s.Start:s.End] != s.SQL {
					t.Errorf("offsets %d:%d give %q, want %q", s.Start, s.End, c.script[s.Start:s.End], s.SQL)
				}
			}
			if strings.Join(texts, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", texts, c.want)
			}
		})
	}
}

func TestSplitScriptUnterminated(t *testing.T) {
	got, err := SplitScript("select 'oops")
	if err == nil {
		t.Fatal("want an error for an unterminated string")
	}
	if len(got) != 1 || got[0].SQL != "select 'oops" {
		t.Errorf("want the whole script back as one statement, got %+v", got)
	}
}

func TestStatementAt(t *testing.T) {
	script := "select 1;\n\nselect 2;  select 3"
	stmts, err := SplitScript(script)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pos  int
		want string
	}{{0, "select 1"}, {9, "select 1"}, {10, "select 1"}, {11, "select 2"}, {len(script), "select 3"}} {
		s, ok := StatementAt(stmts, c.pos)
		if !ok || s.SQL != c.want {
			t.Errorf("pos %d: got %q, want %q", c.pos, s.SQL, c.want)
		}
	}
}

func FuzzSplitScript(f *testing.F) {
	for _, s := range []string{"select 1; select 2", "select $$;$$", "select E'\\';'", "/* ; */"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		stmts, _ := SplitScript(script)
		for _, s := range stmts {
			if s.Start < 0 || s.End > len(script) || s.Start > s.End {
				t.Fatalf("bad offsets %d:%d for %d bytes", s.Start, s.End, len(script))
			}
		}
	})
}
