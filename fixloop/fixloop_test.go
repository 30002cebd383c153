package fixloop

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/finding"
)

func TestStatementParams(t *testing.T) {
	st, err := NewStatement("select * from t where a = $2 and b = '$9' -- $7\n and c = $1", []string{"x'; drop table t; --", `back\slash`})
	if err != nil {
		t.Fatal(err)
	}
	if st.NParams != 2 || st.Generic() {
		t.Fatalf("params: %+v", st)
	}
	got, err := st.Bound()
	if err != nil {
		t.Fatal(err)
	}
	want := `select * from t where a = E'back\\slash' and b = '$9' -- $7` + "\n and c = 'x''; drop table t; --'"
	if got != want {
		t.Errorf("bound:\n got %s\nwant %s", got, want)
	}
	g, err := NewStatement("select * from t where a = $1", nil)
	if err != nil || !g.Generic() {
		t.Errorf("no values: generic expected, got %+v %v", g, err)
	}
	for _, bad := range []struct {
		sql    string
		params []string
		want   string
	}{
		{"", nil, "no statement"},
		{"select 1; select 2", nil, "2 statements"},
		{"select $1, $2", []string{"a"}, "1 value(s) given but the statement takes 2"},
		{"select 1", []string{"a"}, "takes 0"},
		{"select 1 \x1b[2J", nil, "control character"},
		{"begin", nil, "transaction control"},
		{"select $1", []string{"a\x00b"}, "NUL"},
		{"select * from", nil, "does not parse"},
	} {
		if _, err := NewStatement(bad.sql, bad.params); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("NewStatement(%q): %v, want %q", bad.sql, err, bad.want)
		}
	}
}

func TestVariantsEqualityBeforeRange(t *testing.T) {
	fc, err := explain.ParseScanFilter("((created_at > now()) AND (project_id = 4) AND (status = 'open'::text))", "")
	if err != nil {
		t.Fatal(err)
	}
	prop := Candidate{Table: "tasks", Columns: fc.IndexColumns()}
	var got []string
	for _, c := range Variants(prop, fc) {
		got = append(got, strings.Join(c.Columns, ","))
	}
	want := []string{"project_id,status,created_at", "project_id", "status", "created_at",
		"project_id,status", "project_id,created_at", "status,created_at"}
	if !slices.Equal(got, want) {
		t.Errorf("variants %v, want %v", got, want)
	}
}

func TestCandidateHostileNames(t *testing.T) {
	c := Candidate{Schema: "app", Table: "we\"ird\ntable", Columns: []string{"a b", strings.Repeat("x", 80)}}
	long := Candidate{Table: strings.Repeat("é", 40), Columns: []string{"a"}}
	if n := long.Name(); len(n) > 63 || !utf8.ValidString(n) {
		t.Errorf("multibyte name cut badly: %q", n)
	}
	if n := c.Name(); len(n) > 63 || !strings.HasSuffix(n, "_idx") {
		t.Errorf("name %q (%d bytes)", n, len(n))
	}
	m := Render(Target{Dir: "d", Format: Dbmate}, c, "20260101000000", time.Second)
	text := m.Files[0].Text
	// The newline in the table name must not escape the comment.
	line := strings.Split(text, "\n")[1]
	if !strings.HasPrefix(line, "-- pgdeck fix:") || !strings.HasSuffix(line, "for the statement's Seq Scan.") {
		t.Errorf("identifier broke out of the comment: %q", line)
	}
	if !strings.Contains(text, `"we""ird`) {
		t.Errorf("identifier not quoted:\n%s", text)
	}
}

// TestRenderFormatsLintClean: every format's file passes the linter as
// its own tool runs it, with CONCURRENTLY outside a transaction.
func TestRenderFormatsLintClean(t *testing.T) {
	c := Candidate{Table: "tasks", Columns: []string{"assignee_id"}}
	for _, f := range []Format{GolangMigrate, Pgdeck, Dbmate, Goose} {
		m := Render(Target{Dir: "m", Format: f}, c, "000007", 3*time.Second)
		if err := m.CheckLint(nil); err != nil {
			t.Errorf("%s: %v\n%s", f, err, m.Files[0].Text)
		}
		up := m.Files[0].Text
		if !strings.Contains(up, "CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_assignee_id_idx ON tasks (assignee_id);") {
			t.Errorf("%s up:\n%s", f, up)
		}
		all := up
		if len(m.Files) > 1 {
			all += m.Files[1].Text
		}
		if !strings.Contains(all, "DROP INDEX CONCURRENTLY IF EXISTS tasks_assignee_id_idx;") {
			t.Errorf("%s down missing:\n%s", f, all)
		}
		switch f {
		case Dbmate:
			if !strings.HasPrefix(up, "-- migrate:up transaction:false\n") || !strings.Contains(up, "SET lock_timeout = '3000ms';") {
				t.Errorf("dbmate:\n%s", up)
			}
		case Goose:
			if !strings.HasPrefix(up, "-- +goose NO TRANSACTION\n-- +goose Up\n") || !strings.Contains(up, "SET lock_timeout = '3000ms';") {
				t.Errorf("goose:\n%s", up)
			}
		default:
			if len(m.Files) != 2 || !strings.HasSuffix(m.Files[0].Path, "000007_add_tasks_assignee_id_idx.up.sql") {
				t.Errorf("%s files %v", f, paths(m.Files))
			}
		}
	}
	// The same statement with SET in a golang-migrate file would run in
	// one transaction: the gate must refuse it.
	bad := &Migration{Files: []File{{Path: "7_x.up.sql", Text: "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY i ON t (a);\n"}}}
	if err := bad.CheckLint(nil); err == nil || !strings.Contains(err.Error(), "concurrently-in-transaction") {
		t.Errorf("lint gate let a broken file through: %v %v", err, bad.Lint)
	}
}

func TestNextVersion(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, c := range []struct {
		t    Target
		want string
	}{
		{Target{Format: Pgdeck, Head: -1}, "000001"},
		{Target{Format: GolangMigrate, Versions: []string{"001", "006"}, Head: 9}, "010"},
		{Target{Format: GolangMigrate, Versions: []string{"1", "2"}, Head: -1}, "3"},
		{Target{Format: Dbmate, Head: -1}, "20260304050607"},
		{Target{Format: Goose, Versions: []string{"00001", "00002"}, Head: -1}, "00003"},
		{Target{Format: Goose, Versions: []string{"20990101000000"}, Head: -1}, "20990101000001"},
	} {
		if got := c.t.nextVersion(now); got != c.want {
			t.Errorf("%+v: %s, want %s", c.t, got, c.want)
		}
	}
}

// TestOpenTargetFormats tells the tool from the folder's files and
// refuses folders the loop does not write.
func TestOpenTargetFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(sub, name, text string) string {
		p := filepath.Join(dir, sub)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		dir  string
		want Format
	}{
		{write("gm", "001_a.up.sql", "create table a (id int);"), GolangMigrate},
		{write("dm", "20240101000000_a.sql", "-- migrate:up\ncreate table a (id int);\n-- migrate:down\ndrop table a;\n"), Dbmate},
		{write("gs", "00001_a.sql", "-- +goose Up\ncreate table a (id int);\n-- +goose Down\ndrop table a;\n"), Goose},
		{filepath.Join(dir, "new"), Pgdeck},
	} {
		tg, err := OpenTarget(c.dir)
		if err != nil || tg.Format != c.want {
			t.Errorf("%s: %v %v, want %s", c.dir, tg.Format, err, c.want)
		}
	}
	fw := write("fw", "V1__a.sql", "create table a (id int);")
	if _, err := OpenTarget(fw); err == nil || !strings.Contains(err.Error(), "flyway") {
		t.Errorf("flyway folder: %v", err)
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	m := Render(Target{Dir: dir, Format: Pgdeck, Created: true}, Candidate{Table: "t", Columns: []string{"a"}}, "000001", 0)
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(m.Files[0].Path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(); err == nil {
		t.Fatal("second write succeeded")
	}
	if b, _ := os.ReadFile(m.Files[0].Path); string(b) != "mine" {
		t.Errorf("file overwritten: %q", b)
	}
}

// keep the imports honest when cases are trimmed
var _ = finding.Error
var _ = migration.TxNone
