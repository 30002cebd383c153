package plan

import (
	"strings"

	"github.com/pgdeck/pgdeck/explain"
)

// rebuild recomputes the visible rows from the collapsed flags: one pass
// over the nodes in pre-order, skipping the subtree of a collapsed node.
func (m *Model) rebuild() {
	m.visible = m.visible[:0]
	if m.plan == nil {
		return
	}
	nodes := m.plan.Nodes
	for i := 0; i < len(nodes); {
		m.visible = append(m.visible, i)
		if m.collapsed[i] {
			i = subtreeEnd(nodes[i].ID-1, m.plan.Nodes)
			continue
		}
		i++
	}
	if m.cursor >= len(m.visible) {
		m.cursor = max(len(m.visible)-1, 0)
	}
}

// subtreeEnd is the index just past node i's subtree in pre-order.
func subtreeEnd(i int, nodes []*explain.Node) int {
	d := nodes[i].Depth
	j := i + 1
	for j < len(nodes) && nodes[j].Depth > d {
		j++
	}
	return j
}

// selectNode moves the cursor to node index i, expanding its ancestors.
func (m *Model) selectNode(i int) {
	if m.plan == nil || i < 0 || i >= len(m.plan.Nodes) {
		return
	}
	changed := false
	for a := m.plan.Nodes[i].Parent; a != nil; a = a.Parent {
		if m.collapsed[a.ID-1] {
			m.collapsed[a.ID-1], changed = false, true
		}
	}
	if changed {
		m.rebuild()
	}
	for k, v := range m.visible {
		if v == i {
			m.cursor = k
			break
		}
	}
	m.scrollToCursor()
}

// treeHeight is the number of tree rows that fit.
func (m *Model) treeHeight() int {
	h := m.height - 2 // header and footer lines
	if m.panelOpen() {
		h -= m.panelHeight()
	}
	return max(h, 1)
}

func (m *Model) panelOpen() bool { return m.showDetail || m.focusFindings }

func (m *Model) panelHeight() int {
	return min(max(m.height/3, 6), max(m.height-4, 0))
}

func (m *Model) scrollToCursor() {
	h := m.treeHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, len(m.visible)-h), 0)
}

func (m *Model) move(delta int) {
	if len(m.visible) == 0 {
		return
	}
	m.cursor = max(min(m.cursor+delta, len(m.visible)-1), 0)
	m.scrollToCursor()
}

func (m *Model) toggle() {
	n := m.Selected()
	if n == nil || len(n.Children) == 0 {
		return
	}
	m.collapsed[n.ID-1] = !m.collapsed[n.ID-1]
	m.rebuild()
	m.scrollToCursor()
}

func (m *Model) setAll(collapsed bool) {
	if m.plan == nil {
		return
	}
	sel := m.Selected()
	for i, n := range m.plan.Nodes {
		m.collapsed[i] = collapsed && len(n.Children) > 0 && n.Depth > 0
	}
	m.rebuild()
	if sel != nil {
		// Keep the selection on the node or its nearest shown ancestor.
		for a := sel; a != nil; a = a.Parent {
			if m.indexOfVisible(a.ID-1) >= 0 {
				m.cursor = m.indexOfVisible(a.ID - 1)
				break
			}
		}
	}
	m.scrollToCursor()
}

func (m *Model) indexOfVisible(i int) int {
	for k, v := range m.visible {
		if v == i {
			return k
		}
	}
	return -1
}

// search finds nodes whose label (type, relation, index, alias) contains
// the query, case-insensitively, and jumps to the first at or after the
// cursor.
func (m *Model) search() {
	m.matches, m.matchAt = nil, 0
	q := strings.ToLower(strings.TrimSpace(m.query))
	if q == "" || m.plan == nil {
		return
	}
	for i, n := range m.plan.Nodes {
		if strings.Contains(strings.ToLower(n.Label()), q) || strings.Contains(strings.ToLower(n.SubplanName), q) {
			m.matches = append(m.matches, i)
		}
	}
	if len(m.matches) == 0 {
		return
	}
	cur := 0
	if s := m.Selected(); s != nil {
		cur = s.ID - 1
	}
	for k, i := range m.matches {
		if i >= cur {
			m.matchAt = k
			break
		}
	}
	m.selectNode(m.matches[m.matchAt])
}

func (m *Model) nextMatch(delta int) {
	if len(m.matches) == 0 {
		return
	}
	m.matchAt = (m.matchAt + delta + len(m.matches)) % len(m.matches)
	m.selectNode(m.matches[m.matchAt])
}
