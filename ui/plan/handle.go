package plan

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.searching {
		m.handleSearchKey(msg)
		return nil
	}
	k := m.keys
	if m.plan == nil {
		return nil
	}
	if cmd, ok := m.handleFixKey(msg); ok {
		return cmd
	}
	if key.Matches(msg, k.Compare) && m.cmp != nil {
		m.compareView = !m.compareView
		return nil
	}
	if m.compareView {
		m.handleCompareKey(msg)
		return nil
	}
	if m.focusFindings {
		return m.handleFindingsKey(msg)
	}
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.treeHeight())
	case key.Matches(msg, k.PageDown):
		m.move(m.treeHeight())
	case key.Matches(msg, k.Top):
		m.move(-len(m.visible))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.visible))
	case key.Matches(msg, k.Toggle):
		m.toggle()
	case key.Matches(msg, k.ExpandAll):
		m.setAll(false)
	case key.Matches(msg, k.CollapseAll):
		m.setAll(true)
	case key.Matches(msg, k.Hottest):
		if h := m.plan.Hottest(); h != nil {
			m.selectNode(h.ID - 1)
		}
	case key.Matches(msg, k.Search):
		m.searching, m.query = true, ""
	case key.Matches(msg, k.NextMatch):
		m.nextMatch(1)
	case key.Matches(msg, k.PrevMatch):
		m.nextMatch(-1)
	case key.Matches(msg, k.Findings):
		if len(m.findings) > 0 {
			m.focusFindings = true
			m.fcursor = min(m.fcursor, len(m.findings)-1)
		}
		m.scrollToCursor()
	case key.Matches(msg, k.Detail):
		m.showDetail = !m.showDetail
		m.scrollToCursor()
	}
	return nil
}

func (m *Model) handleSearchKey(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "esc":
		m.searching, m.query, m.matches = false, "", nil
	case "enter":
		m.searching = false
	case "backspace":
		if r := []rune(m.query); len(r) > 0 {
			m.query = string(r[:len(r)-1])
			m.search()
		}
	default:
		if msg.Text != "" {
			m.query += msg.Text
			m.search()
		}
	}
}

// handleFindingsKey moves in the findings list; enter jumps to the node.
func (m *Model) handleFindingsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.fcursor = max(m.fcursor-1, 0)
	case key.Matches(msg, k.Down):
		m.fcursor = min(m.fcursor+1, len(m.findings)-1)
	case key.Matches(msg, k.Jump):
		if id := m.findings[m.fcursor].NodeID; id != nil {
			m.focusFindings = false
			m.selectNode(*id - 1)
		}
	case key.Matches(msg, k.Back), key.Matches(msg, k.Findings):
		m.focusFindings = false
		m.scrollToCursor()
	}
	return nil
}

func (m *Model) handleCompareKey(msg tea.KeyPressMsg) {
	k := m.keys
	n := len(m.cmp.Pairs)
	h := max(m.height-3, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.ccursor--
	case key.Matches(msg, k.Down):
		m.ccursor++
	case key.Matches(msg, k.PageUp):
		m.ccursor -= h
	case key.Matches(msg, k.PageDown):
		m.ccursor += h
	case key.Matches(msg, k.Top):
		m.ccursor = 0
	case key.Matches(msg, k.Bottom):
		m.ccursor = n - 1
	case key.Matches(msg, k.Back):
		m.compareView = false
		return
	}
	m.ccursor = max(min(m.ccursor, n-1), 0)
	if m.ccursor < m.coffset {
		m.coffset = m.ccursor
	}
	if m.ccursor >= m.coffset+h {
		m.coffset = m.ccursor - h + 1
	}
}
