package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// popup is the open completion list.
type popup struct {
	items []candidate
	sel   int
	runes int // length of the word the choice replaces
}

// completionsMsg brings the catalog's names for completion.
type completionsMsg struct {
	c   *db.Completions
	err error
}

// completionWindow is how much text around the cursor completion reads to
// find the statement and its FROM clause.
const completionWindow = 64 << 10

// popupRows is how many candidates the popup shows at once.
const popupRows = 8

// loadCompletions reads the catalog's names in the background.
func (m *Model) loadCompletions() tea.Cmd {
	d := m.d
	return pane.Run(pane.Query, 0, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := d.Completions(ctx)
		return completionsMsg{c: c, err: err}
	})
}

func (m *Model) handleCompletions(msg completionsMsg) tea.Cmd {
	if msg.err != nil {
		m.messages = append(m.messages, safetext.Display("completion: "+msg.err.Error()))
		return nil
	}
	m.completions = msg.c
	cols := 0
	for _, r := range msg.c.Relations {
		cols += len(r.Columns)
	}
	text := fmt.Sprintf("completion: %d relations, %d columns, %d functions loaded", len(msg.c.Relations), cols, len(msg.c.Functions))
	return func() tea.Msg { return pane.StatusMsg{Text: text} }
}

// candidates lists the completions for the word at the cursor.
func (m *Model) candidates() ([]candidate, word) {
	text, off := m.editor.Window(completionWindow)
	w := wordAt(text, off)
	stmt := text
	if stmts, _ := db.SplitScript(text); len(stmts) > 0 {
		if s, ok := db.StatementAt(stmts, off); ok {
			stmt = s.SQL
		}
	}
	before := text[max(0, w.start-256):w.start]
	return complete(m.completions, stmt, before, w), w
}

// openCompletion opens the popup for the word at the cursor and reports
// whether there was anything to complete. Asked for explicitly (Tab), a
// single candidate is inserted at once.
func (m *Model) openCompletion(explicit bool) bool {
	items, w := m.candidates()
	if len(items) == 0 || (!explicit && !w.dotted) {
		m.pop = nil
		return false
	}
	m.pop = &popup{items: items, runes: len([]rune(w.prefix))}
	if explicit && len(items) == 1 {
		m.accept()
	}
	return true
}

// refreshPopup follows the typing while the popup is open.
func (m *Model) refreshPopup() {
	items, w := m.candidates()
	if len(items) == 0 || (w.prefix == "" && !w.dotted) {
		m.pop = nil
		return
	}
	m.pop.items, m.pop.runes = items, len([]rune(w.prefix))
	m.pop.sel = min(m.pop.sel, len(items)-1)
}

func (m *Model) accept() {
	if m.pop == nil || len(m.pop.items) == 0 {
		return
	}
	m.editor.ReplaceBefore(m.pop.runes, m.pop.items[m.pop.sel].text)
	m.pop = nil
}

// popupLines renders the popup: at most popupRows candidates around the
// selection, each with its kind.
func (m *Model) popupLines() []string {
	p := m.pop
	first := max(0, min(p.sel-popupRows/2, len(p.items)-popupRows))
	last := min(len(p.items), first+popupRows)
	w := 0
	for _, it := range p.items[first:last] {
		w = max(w, min(ansi.StringWidth(safetext.Display(it.text)), 40)+len(it.kind)+3)
	}
	var out []string
	for i := first; i < last; i++ {
		it := p.items[i]
		name := ansi.Truncate(safetext.Display(it.text), 40, "…")
		line := " " + name + strings.Repeat(" ", max(w-ansi.StringWidth(name)-len(it.kind)-2, 1)) + it.kind + " "
		st := m.styles.Muted.Reverse(true)
		if i == p.sel {
			st = m.styles.Selected
		}
		out = append(out, st.Render(line))
	}
	if len(p.items) > popupRows {
		out = append(out, m.styles.Muted.Reverse(true).Render(fmt.Sprintf(" %d/%d%s", p.sel+1, len(p.items), strings.Repeat(" ", max(w-8, 1)))))
	}
	return out
}

// overlayPopup draws the popup over lines, under the cursor (or above it
// when there is no room below).
func (m *Model) overlayPopup(lines []string) {
	pl := m.popupLines()
	x, y := m.editor.CursorScreen()
	x = max(x-m.pop.runes, 0)
	top := y + 1
	if top+len(pl) > len(lines) && y-len(pl) >= 0 {
		top = y - len(pl)
	}
	for i, p := range pl {
		row := top + i
		if row < 0 || row >= len(lines) {
			continue
		}
		pw := ansi.StringWidth(p)
		x0 := min(x, max(m.width-pw, 0))
		l := lines[row]
		left := ansi.Truncate(l, x0, "")
		left += strings.Repeat(" ", max(x0-ansi.StringWidth(left), 0))
		lines[row] = left + p + ansi.TruncateLeft(l, x0+pw, "")
	}
}
