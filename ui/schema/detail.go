package schema

import (
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// ensureDefs fetches the selected table's index and constraint texts
// when the Constraints or DDL tab shows it and they are not cached.
func (m *Model) ensureDefs() tea.Cmd {
	if m.tab != tabConstraints && m.tab != tabDDL {
		return nil
	}
	r := m.Selected()
	if r == nil || !r.NeedsDefinitions() {
		return nil
	}
	if _, ok := m.defs[r.OID]; ok || m.defsOID == r.OID {
		return nil
	}
	return m.fetchDefs(r.OID)
}

// shown is the selected relation as the detail tabs show it: with its
// definitions once they are fetched.
func (m *Model) shown(r *catalog.Relation) *catalog.Relation {
	if d, ok := m.defs[r.OID]; ok {
		full := r.WithDefinitions(d)
		return &full
	}
	return r
}

// sync keeps the list cursor on screen, builds the DDL of the selected
// table once it can, and clamps the detail cursor to the tab's content.
func (m *Model) sync() {
	if m.cat == nil || m.width <= 0 || m.height <= 0 {
		return
	}
	m.list.scroll(m.listHeight())
	r := m.Selected()
	if r == nil {
		return
	}
	if m.tab == tabDDL {
		m.cacheDDL(r)
	}
	n := len(m.tabLines(m.shown(r), m.detailWidth()))
	h := m.detailHeight() - 1
	m.detailCursor = max(0, min(m.detailCursor, n-1))
	if m.detailCursor < m.detailOffset {
		m.detailOffset = m.detailCursor
	}
	if m.detailCursor >= m.detailOffset+h {
		m.detailOffset = m.detailCursor - h + 1
	}
}

// ddlLines shows the DDL that cacheDDL built, or why it is not there yet.
func (m *Model) ddlLines(r *catalog.Relation) []string {
	if lines, ok := m.ddl[r.Key()]; ok {
		return lines
	}
	if m.defsErr != nil {
		return []string{m.styles.Error.Render("cannot read the definitions: ") + esc(m.defsErr.Error())}
	}
	return []string{m.styles.Muted.Render("loading the definitions…")}
}

// cacheDDL highlights r's DDL once its definitions are there (called
// from Update: highlighting is too slow to redo every frame).
func (m *Model) cacheDDL(r *catalog.Relation) {
	if _, ok := m.ddl[r.Key()]; ok {
		return
	}
	full := m.shown(r)
	if full.NeedsDefinitions() {
		return
	}
	st := m.styles
	m.ddl[r.Key()] = widget.HighlightSQLBlock(catalog.DDL(m.look, full), widget.SQLBlockStyles{
		Keyword: st.Key, String: st.OK, Number: st.Info, Comment: st.Muted, Name: st.Bold,
	})
}
