package query

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/ui/pane"
)

func (m *Model) editorKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.prompt != nil {
		return m.promptKey(msg)
	}
	if m.pop != nil {
		switch {
		case key.Matches(msg, m.keys.Accept):
			m.accept()
			return nil
		case key.Matches(msg, m.keys.CloseCompletion):
			m.pop = nil
			return nil
		case key.Matches(msg, m.keys.PopupUp):
			m.pop.sel = (m.pop.sel + len(m.pop.items) - 1) % len(m.pop.items)
			return nil
		case key.Matches(msg, m.keys.PopupDown):
			m.pop.sel = (m.pop.sel + 1) % len(m.pop.items)
			return nil
		}
	}
	switch {
	case key.Matches(msg, m.keys.Run):
		return m.runCurrent()
	case key.Matches(msg, m.keys.RunAll):
		return m.runAll()
	case key.Matches(msg, m.keys.Explain), key.Matches(msg, m.keys.ExplainAnalyze):
		s, ok := m.current()
		if !ok || strings.HasPrefix(s.SQL, `\`) {
			return nil
		}
		analyze := key.Matches(msg, m.keys.ExplainAnalyze)
		return func() tea.Msg { return pane.ExplainMsg{SQL: s.SQL, Analyze: analyze} }
	case key.Matches(msg, m.keys.FetchMore):
		return m.fetchMore()
	case key.Matches(msg, m.keys.HistPrev), key.Matches(msg, m.keys.HistNext):
		m.browseHistory(key.Matches(msg, m.keys.HistPrev))
	case key.Matches(msg, m.keys.ToGrid):
		m.gridFocus = true
	case key.Matches(msg, m.keys.Undo):
		m.editor.Undo()
	case key.Matches(msg, m.keys.Redo):
		m.editor.Redo()
	case key.Matches(msg, m.keys.RefreshCompletion):
		m.messages = append(m.messages, "reloading completion names…")
		return m.loadCompletions()
	case key.Matches(msg, m.keys.ExternalEditor):
		return m.externalEditor()
	case key.Matches(msg, m.keys.Open):
		m.openPrompt(promptOpen, m.file)
	case key.Matches(msg, m.keys.Save):
		m.openPrompt(promptSave, m.file)
	case key.Matches(msg, m.keys.Complete) && m.openCompletion(true):
	default:
		m.editor.HandleKey(msg)
		m.errAt = -1
		switch {
		case m.pop != nil:
			m.refreshPopup()
		case msg.Text == ".":
			m.openCompletion(false)
		}
	}
	return nil
}

func (m *Model) gridKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.prompt != nil {
		return m.promptKey(msg)
	}
	if m.busy && key.Matches(msg, m.keys.CancelRun) {
		if m.cancel != nil {
			m.cancel()
			m.messages = append(m.messages, "cancelling…")
		}
		return nil
	}
	if m.inspect {
		switch {
		case key.Matches(msg, m.keys.CloseInspect):
			m.inspect = false
		case key.Matches(msg, m.keys.Down):
			m.inspectOff++
		case key.Matches(msg, m.keys.Up):
			m.inspectOff = max(m.inspectOff-1, 0)
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.ToEditor):
		m.gridFocus = false
		return nil
	case key.Matches(msg, m.keys.More):
		return m.fetchMore()
	case key.Matches(msg, m.keys.Record):
		m.record = !m.record
		return nil
	case key.Matches(msg, m.keys.NextSet):
		m.cur = min(m.cur+1, max(len(m.sets)-1, 0))
		return nil
	case key.Matches(msg, m.keys.PrevSet):
		m.cur = max(m.cur-1, 0)
		return nil
	}
	g := m.grid()
	if g == nil {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Down):
		g.Move(1, 0)
	case key.Matches(msg, m.keys.Up):
		g.Move(-1, 0)
	case key.Matches(msg, m.keys.Right):
		g.Move(0, 1)
	case key.Matches(msg, m.keys.Left):
		g.Move(0, -1)
	case key.Matches(msg, m.keys.PageDown):
		g.Move(g.Page(), 0)
	case key.Matches(msg, m.keys.PageUp):
		g.Move(-g.Page(), 0)
	case key.Matches(msg, m.keys.Top):
		g.GoTo(0)
	case key.Matches(msg, m.keys.Bottom):
		g.GoTo(len(g.Rows) - 1)
	case key.Matches(msg, m.keys.FirstColumn):
		g.Col = 0
	case key.Matches(msg, m.keys.LastColumn):
		g.Col = max(len(g.Cols)-1, 0)
	case key.Matches(msg, m.keys.Inspect):
		m.inspect, m.inspectOff = true, 0
	case key.Matches(msg, m.keys.Export):
		m.openPrompt(promptExport, "result.csv")
	case key.Matches(msg, m.keys.CopyCell):
		return m.copyCell()
	case key.Matches(msg, m.keys.CopyRow):
		return m.copyRow()
	}
	return nil
}
