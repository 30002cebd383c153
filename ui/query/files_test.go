package query

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/ui/pane"
)

// statusOf returns the StatusMsgs among messages sent to the root.
func statusOf(msgs []tea.Msg) []pane.StatusMsg {
	var out []pane.StatusMsg
	for _, m := range msgs {
		if s, ok := m.(pane.StatusMsg); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestSaveAndOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.sql")
	m := newPane(t, false, "")
	m.Editor().SetValue("select 1;\nselect 'two';")
	m.Update(tea.KeyPressMsg{Code: tea.KeyF2})
	if !strings.Contains(ansi.Strip(m.View()), "save as:") || !m.Capturing() {
		t.Fatalf("no save prompt:\n%s", ansi.Strip(m.View()))
	}
	typeText(m, path)
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	st := statusOf(drain(t, m, cmd))
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "select 1;\nselect 'two';" {
		t.Fatalf("saved %q, %v (status %+v)", b, err, st)
	}
	if len(st) != 1 || !strings.Contains(st[0].Text, "wrote buffer to") {
		t.Errorf("status: %+v", st)
	}
	if err := os.WriteFile(path, []byte("select 'from file'\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.Editor().SetValue("")
	m.Update(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	if !strings.Contains(ansi.Strip(m.View()), "open: "+path) {
		t.Errorf("open prompt does not offer the last file:\n%s", ansi.Strip(m.View()))
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	drain(t, m, cmd)
	if got := m.Editor().Value(); got != "select 'from file'\n" {
		t.Errorf("opened: %q", got)
	}
	// A missing file is an error in words, and the buffer is kept.
	m.Update(tea.KeyPressMsg{Code: tea.KeyF3})
	m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	typeText(m, filepath.Join(dir, "missing.sql"))
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	st = statusOf(drain(t, m, cmd))
	if len(st) != 1 || st[0].Err == nil || !errors.Is(st[0].Err, os.ErrNotExist) || !strings.Contains(st[0].Err.Error(), "missing.sql") {
		t.Errorf("missing file: %+v", st)
	}
	if got := m.Editor().Value(); got != "select 'from file'\n" {
		t.Errorf("buffer changed by a failed open: %q", got)
	}
	// Esc leaves the prompt without doing anything.
	m.Update(tea.KeyPressMsg{Code: tea.KeyF2})
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.prompt != nil || m.gridFocus {
		t.Error("esc did not just close the prompt")
	}
}

func TestExternalEditor(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "ed.sh")
	// The "editor" appends a line, as a user would.
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '\\nselect 42' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	m := newPane(t, false, "")
	m.Editor().SetValue("select 1")
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF4})
	env := cmd().(pane.Envelope)
	ready, ok := env.Msg.(editorReadyMsg)
	if !ok {
		t.Fatalf("got %#v", env.Msg)
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "select 1" {
		t.Fatalf("temp file holds %q", b)
	}
	if _, exec := m.Update(env); exec == nil {
		t.Fatal("no ExecProcess command")
	}
	// What tea.ExecProcess does with the terminal released: run the
	// command, then deliver the callback's message.
	c := editorCommand(ready.path)
	if c.Path != script || c.Args[len(c.Args)-1] != ready.path {
		t.Fatalf("editor command: %v", c.Args)
	}
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	_, cmd = m.Update(pane.Envelope{To: pane.Query, Msg: editorDoneMsg{path: ready.path}})
	drain(t, m, cmd)
	if got := m.Editor().Value(); got != "select 1\nselect 42" {
		t.Errorf("buffer after editing: %q", got)
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Errorf("temp file left behind: %v", err)
	}
	// An editor that fails leaves the buffer alone and says why.
	_, cmd = m.Update(pane.Envelope{To: pane.Query, Msg: editorDoneMsg{err: errors.New("exit status 1")}})
	st := statusOf(drain(t, m, cmd))
	if len(st) != 1 || st[0].Err == nil || !strings.Contains(st[0].Err.Error(), "$EDITOR") || m.Editor().Value() != "select 1\nselect 42" {
		t.Errorf("failed editor: %+v, buffer %q", st, m.Editor().Value())
	}
}

// bigScript is about n bytes of SQL over many lines.
func bigScript(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString("insert into t values (1, 'some text here', $$dollar ; body$$); /* comment */\n")
	}
	return b.String()
}

func TestPasteOneMegabyte(t *testing.T) {
	m := newPane(t, false, "")
	script := bigScript(1 << 20)
	m.Update(tea.PasteMsg{Content: script})
	if got := m.Editor().Value(); got != script {
		t.Fatalf("pasted %d bytes, buffer holds %d", len(script), len(got))
	}
	// The frame shows the end of the paste, where the cursor is, and
	// typing goes on from there.
	typeText(m, "select 1")
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "select 1") {
		t.Errorf("view after paste:\n%s", view)
	}
	// One line of 1 MB (minified SQL) renders too.
	m.Editor().SetValue("")
	m.Update(tea.PasteMsg{Content: strings.Repeat("select 1; ", 100_000)})
	start := time.Now()
	_ = m.View()
	typeText(m, "x")
	_ = m.View()
	t.Logf("1 MB line: two frames and a key in %v", time.Since(start))
	// Control characters in a paste never reach the buffer.
	m.Editor().SetValue("")
	m.Update(tea.PasteMsg{Content: "select '\x1b]0;pwned\x07'"})
	if got := m.Editor().Value(); got != "select ']0;pwned'" {
		t.Errorf("paste kept control characters: %q", got)
	}
}
