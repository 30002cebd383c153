package query

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
)

const exportSQL = `select g as n, case when g = 2 then null else 'v,' || g end as "a ""col""",
	E'line\nbreak "q"' as t, 1.50::numeric as num, '{"k": [1, 2]}'::jsonb as j, '' as empty
	from generate_series(1, 3) g`

// cliOutput is what `pgdeck query --format f` prints for sql.
func cliOutput(t *testing.T, sql, format string) string {
	t.Helper()
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("postgres")})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var buf bytes.Buffer
	w, err := db.NewResultWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RunScript(context.Background(), d.NewRunner(db.RunOptions{}), sql, w, nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestExportMatchesQueryCommand(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue(exportSQL)
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF5})
	drain(t, m, cmd)
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape}) // to the results
	dir := t.TempDir()
	for ext, format := range map[string]string{".csv": "csv", ".json": "json", ".md": "markdown"} {
		path := filepath.Join(dir, "out"+ext)
		m.Update(tea.KeyPressMsg{Code: 'w', Text: "w"})
		if v := ansi.Strip(m.View()); !strings.Contains(v, "export to") || !strings.Contains(v, "result.csv") {
			t.Fatalf("no export prompt:\n%s", v)
		}
		m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
		typeText(m, path)
		_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		st := statusOf(drain(t, m, cmd))
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (status %+v)", format, err, st)
		}
		if want := cliOutput(t, exportSQL, format); string(got) != want {
			t.Errorf("%s export differs from pgdeck query:\n got %q\nwant %q", format, got, want)
		}
		if len(st) != 1 || !strings.Contains(st[0].Text, "wrote 3 rows") {
			t.Errorf("%s status: %+v", format, st)
		}
	}
	// An extension that names no format is refused in words.
	m.Update(tea.KeyPressMsg{Code: 'w', Text: "w"})
	m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	typeText(m, filepath.Join(dir, "out.xlsx"))
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	st := statusOf(drain(t, m, cmd))
	if len(st) != 1 || st[0].Err == nil || !strings.Contains(st[0].Err.Error(), ".csv, .json, .md") {
		t.Errorf("xlsx: %+v", st)
	}
}

// clipboardOf runs cmd and returns what it asks the terminal to copy.
func clipboardOf(t *testing.T, cmd tea.Cmd) (string, bool) {
	t.Helper()
	if cmd == nil {
		return "", false
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if s, ok := clipboardOf(t, c); ok {
				return s, true
			}
		}
		return "", false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() == reflect.String && v.Type().Name() == "setClipboardMsg" {
		return v.String(), true
	}
	return "", false
}

func TestCopyCellAndRow(t *testing.T) {
	m := newPane(t, false, "")
	m.Editor().SetValue(`select E'\x1b]0;pwned\x07' as evil, 'a,b' as c, null as n`)
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF5})
	drain(t, m, cmd)
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	got, ok := clipboardOf(t, cmd)
	if !ok || got != "\x1b]0;pwned\x07" {
		t.Fatalf("copied cell %q (%v)", got, ok)
	}
	// The data travels base64-encoded inside OSC 52: the only ESC and BEL
	// in the sequence are its own.
	seq := ansi.SetSystemClipboard(got)
	if strings.Count(seq, "\x1b") != 1 || strings.Count(seq, "\x07") != 1 || !strings.HasPrefix(seq, "\x1b]52;c;") {
		t.Errorf("sequence %q", seq)
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'Y', Text: "Y"})
	got, ok = clipboardOf(t, cmd)
	if !ok || got != "\x1b]0;pwned\x07,\"a,b\"," {
		t.Errorf("copied row %q (%v)", got, ok)
	}
	// NULL copies nothing and says so.
	m.Update(tea.KeyPressMsg{Code: '$', Text: "$"})
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if _, ok := clipboardOf(t, cmd); ok {
		t.Error("NULL was copied")
	}
}
