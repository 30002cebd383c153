package query

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// promptKind is what a path prompt is for.
type promptKind int

const (
	promptOpen promptKind = iota + 1
	promptSave
	promptExport
)

// prompt asks for a file path on the status line: a one-line input
// that types at its end (bubbles' textinput would pull in a clipboard
// library for this).
type prompt struct {
	kind  promptKind
	label string
	value []rune
}

func (p *prompt) view(width int) string {
	return ansi.Truncate(p.label+safetext.Display(string(p.value))+"█", width, "…")
}

// edit applies a key or a paste to the input.
func (p *prompt) edit(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		p.value = append(p.value, []rune(strings.ReplaceAll(msg.Content, "\n", ""))...)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace", "ctrl+h":
			if len(p.value) > 0 {
				p.value = p.value[:len(p.value)-1]
			}
		case "ctrl+u":
			p.value = nil
		default:
			p.value = append(p.value, []rune(msg.Text)...)
		}
	}
}

// Messages of file work done in commands.
type (
	fileLoadedMsg struct {
		path, text string
		err        error
	}
	fileSavedMsg struct {
		path, what string
		err        error
	}
	// editorDoneMsg ends an $EDITOR session on a temporary file.
	editorDoneMsg struct {
		path string
		err  error
	}
)

// maxScript bounds the size of a file loaded into the editor.
const maxScript = 64 << 20

func (m *Model) openPrompt(kind promptKind, value string) {
	label := map[promptKind]string{promptOpen: "open: ", promptSave: "save as: ", promptExport: "export to (.csv .json .md .txt): "}[kind]
	m.prompt = &prompt{kind: kind, label: label, value: []rune(value)}
}

func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.prompt
	switch msg.String() {
	case "esc", "ctrl+c":
		m.prompt = nil
		return nil
	case "enter":
		m.prompt = nil
		path := expandHome(strings.TrimSpace(string(p.value)))
		if path == "" {
			return nil
		}
		switch p.kind {
		case promptOpen:
			return readFileCmd(path)
		case promptSave:
			return writeFileCmd(path, "buffer", []byte(m.editor.Value()))
		case promptExport:
			return m.export(path)
		}
	}
	p.edit(msg)
	return nil
}

func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

func readFileCmd(path string) tea.Cmd {
	return pane.Run(pane.Query, 0, func() tea.Msg {
		st, err := os.Stat(path)
		if err == nil && st.Size() > maxScript {
			err = fmt.Errorf("%s is %d MB; the editor opens files up to %d MB", path, st.Size()>>20, maxScript>>20)
		}
		if err == nil && st.IsDir() {
			err = fmt.Errorf("%s is a directory", path)
		}
		if err != nil {
			return fileLoadedMsg{path: path, err: fmt.Errorf("open: %w", err)}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return fileLoadedMsg{path: path, err: fmt.Errorf("open: %w", err)}
		}
		return fileLoadedMsg{path: path, text: string(b)}
	})
}

func writeFileCmd(path, what string, b []byte) tea.Cmd {
	return pane.Run(pane.Query, 0, func() tea.Msg {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return fileSavedMsg{path: path, what: what, err: fmt.Errorf("save: %w", err)}
		}
		return fileSavedMsg{path: path, what: what}
	})
}

// export writes the current result to path in the format its extension
// names, with the writers `pgdeck query` streams through.
func (m *Model) export(path string) tea.Cmd {
	if m.cur >= len(m.sets) {
		return func() tea.Msg { return pane.StatusMsg{Text: "no result to export"} }
	}
	format := map[string]string{".csv": "csv", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".txt": "table"}[strings.ToLower(filepath.Ext(path))]
	if format == "" {
		return func() tea.Msg {
			return pane.StatusMsg{Err: fmt.Errorf("export: %s: name the file .csv, .json, .md or .txt to choose the format", path)}
		}
	}
	set := m.sets[m.cur]
	cols, rows := set.cols, set.grid.Rows // rows are immutable values: safe to read from a command
	res := db.Result{HasRows: true, Columns: cols, Rows: int64(len(rows))}
	what := fmt.Sprintf("%d rows", len(rows))
	if set.res != nil && set.res.More {
		what += " (the rows fetched so far: more exist — fetch more first, or use pgdeck query)"
	}
	return pane.Run(pane.Query, 0, func() tea.Msg {
		err := exportFile(path, format, cols, rows, res)
		return fileSavedMsg{path: path, what: what, err: err}
	})
}

func exportFile(path, format string, cols []db.Column, rows []widget.Row, res db.Result) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("export: %w", cerr)
		}
	}()
	w, err := db.NewResultWriter(f, format)
	if err != nil {
		return err
	}
	if err := writeRows(w, cols, rows); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.End(res); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func writeRows(w db.Sink, cols []db.Column, rows []widget.Row) error {
	if cols != nil {
		if err := w.Columns(cols); err != nil {
			return err
		}
	}
	vals := make([][]byte, 0, len(cols))
	for _, r := range rows {
		vals = rowBytes(vals[:0], r)
		if err := w.Row(vals); err != nil {
			return err
		}
	}
	return nil
}

func rowBytes(dst [][]byte, r widget.Row) [][]byte {
	for i := 0; i < r.Len(); i++ {
		v, null := r.Value(i)
		if null {
			dst = append(dst, nil)
		} else {
			dst = append(dst, append([]byte{}, v...))
		}
	}
	return dst
}

// maxClip bounds what is copied through OSC 52: terminals drop or
// truncate larger sequences.
const maxClip = 1 << 20

func (m *Model) copyCell() tea.Cmd {
	g := m.grid()
	if g == nil {
		return nil
	}
	_, v, null, ok := g.Cell()
	if !ok {
		return nil
	}
	if null {
		return func() tea.Msg { return pane.StatusMsg{Text: "the cell is NULL: nothing copied"} }
	}
	return clip(v, "cell")
}

func (m *Model) copyRow() tea.Cmd {
	g := m.grid()
	if g == nil || g.Row >= len(g.Rows) {
		return nil
	}
	var buf bytes.Buffer
	w, _ := db.NewResultWriter(&buf, "csv")
	_ = w.Row(rowBytes(nil, g.Rows[g.Row]))
	_ = w.Flush()
	return clip(strings.TrimSuffix(buf.String(), "\n"), "row")
}

// clip copies s with OSC 52. The terminal gets s base64-encoded inside
// the sequence, so control characters in the data cannot end it early.
func clip(s, what string) tea.Cmd {
	if len(s) > maxClip {
		return func() tea.Msg {
			return pane.StatusMsg{Text: fmt.Sprintf("the %s is %d KB, too large for the terminal clipboard: export it instead", what, len(s)>>10)}
		}
	}
	text := fmt.Sprintf("copied the %s (%d bytes) to the clipboard", what, len(s))
	return tea.Batch(tea.SetClipboard(s), func() tea.Msg { return pane.StatusMsg{Text: text} })
}

// externalEditor writes the buffer to a temporary file in a command; the
// editor itself starts when that is done (handleFile).
func (m *Model) externalEditor() tea.Cmd {
	text := m.editor.Value()
	return pane.Run(pane.Query, 0, func() tea.Msg {
		f, err := os.CreateTemp("", "pgdeck-*.sql")
		if err != nil {
			return editorDoneMsg{err: fmt.Errorf("$EDITOR: %w", err)}
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return editorDoneMsg{err: fmt.Errorf("$EDITOR: %w", err)}
		}
		return editorReadyMsg{path: f.Name()}
	})
}

// editorReadyMsg says the temporary file is written.
type editorReadyMsg struct{ path string }

// editorCommand is the command line for $VISUAL or $EDITOR (which may
// carry arguments, "code -w"), else vi.
func editorCommand(path string) *exec.Cmd {
	ed := os.Getenv("VISUAL")
	if ed == "" {
		ed = os.Getenv("EDITOR")
	}
	f := strings.Fields(ed)
	if len(f) == 0 {
		f = []string{"vi"}
	}
	return exec.Command(f[0], append(f[1:], path)...)
}

// handleFile applies the results of file work.
func (m *Model) handleFile(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case editorReadyMsg:
		path := msg.path
		return tea.ExecProcess(editorCommand(path), func(err error) tea.Msg {
			return pane.Envelope{To: pane.Query, Msg: editorDoneMsg{path: path, err: err}}
		})
	case editorDoneMsg:
		if msg.err != nil {
			if msg.path != "" {
				os.Remove(msg.path) // best effort; the editor failed to start or exited non-zero
			}
			return statusErr(fmt.Errorf("$EDITOR: %w", msg.err))
		}
		path := msg.path
		return pane.Run(pane.Query, 0, func() tea.Msg {
			b, err := os.ReadFile(path)
			os.Remove(path)
			return fileLoadedMsg{text: string(b), err: err}
		})
	case fileLoadedMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		m.editor.SetValue(msg.text)
		m.pop = nil
		if msg.path != "" {
			m.file = msg.path
			return status(fmt.Sprintf("opened %s (%d lines)", safetext.Display(msg.path), strings.Count(msg.text, "\n")+1))
		}
		return nil
	case fileSavedMsg:
		if msg.err != nil {
			return statusErr(msg.err)
		}
		if msg.what == "buffer" {
			m.file = msg.path
		}
		return status(fmt.Sprintf("wrote %s to %s", msg.what, safetext.Display(msg.path)))
	}
	return nil
}

func status(text string) tea.Cmd { return func() tea.Msg { return pane.StatusMsg{Text: text} } }

func statusErr(err error) tea.Cmd { return func() tea.Msg { return pane.StatusMsg{Err: err} } }
