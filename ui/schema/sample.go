package schema

import (
	"github.com/pgdeck/pgdeck/catalog"
)

// sampleLines renders the first rows of r, NULL shown as ∅ and control
// characters escaped (table escapes every cell).
func (m *Model) sampleLines(r *catalog.Relation, _ int) []string {
	switch {
	case m.sampleKey != r.Key() || m.sampleLoading:
		return []string{m.styles.Muted.Render("loading the first rows…")}
	case m.sampleErr != nil:
		return []string{m.styles.Error.Render("cannot read rows: ") + esc(m.sampleErr.Error())}
	case m.sample == nil:
		return nil
	case len(m.sample.Rows) == 0:
		return []string{m.styles.Muted.Render("no rows")}
	}
	rows := make([][]string, len(m.sample.Rows))
	for i, row := range m.sample.Rows {
		cells := make([]string, len(m.sample.Columns))
		for j := range cells {
			if j < len(row) && row[j] != nil {
				cells[j] = *row[j]
			} else {
				cells[j] = "∅"
			}
		}
		rows[i] = cells
	}
	header := make([]string, len(m.sample.Columns))
	for i, c := range m.sample.Columns {
		header[i] = esc(c)
	}
	lines := table(header, rows)
	lines[0] = m.styles.Muted.Render(lines[0])
	return append(lines, m.styles.Muted.Render("first rows, read-only"))
}
