package schema

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// esc makes database text safe for the terminal.
func esc(s string) string { return safetext.Display(s) }

// tabLines renders the content of the current tab for relation r.
func (m *Model) tabLines(r *catalog.Relation, w int) []string {
	switch m.tab {
	case tabColumns:
		return m.columnLines(r)
	case tabIndexes:
		return m.indexLines(r)
	case tabConstraints:
		return m.constraintLines(r)
	case tabRelations:
		lines, _ := m.relations(r)
		return lines
	case tabDDL:
		return m.ddlLines(r)
	case tabRows:
		return m.sampleLines(r, w)
	case tabFindings:
		return m.findingLines(r)
	}
	return nil
}

// table aligns rows of cells into columns, escaping every cell.
func table(header []string, rows [][]string) []string {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	for _, row := range rows {
		for i := range row {
			row[i] = esc(row[i])
			widths[i] = max(widths[i], min(48, ansi.StringWidth(row[i])))
		}
	}
	render := func(cells []string) string {
		var b strings.Builder
		for i, c := range cells {
			c = ansi.Truncate(c, widths[i], "…")
			b.WriteString(c + strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
		}
		return strings.TrimRight(b.String(), " ")
	}
	out := []string{render(header)}
	for _, row := range rows {
		out = append(out, render(row))
	}
	return out
}

func (m *Model) columnLines(r *catalog.Relation) []string {
	var rows [][]string
	for _, c := range r.Columns {
		extra := ""
		switch {
		case c.Identity != "":
			extra = "identity " + c.Identity
		case c.Generated != "":
			extra = "generated " + c.GeneratedKind + " as (" + c.Generated + ")"
		case c.Default != nil:
			extra = "default " + *c.Default
		}
		if c.Collation != "" {
			extra += " collate " + c.Collation
		}
		null := "null"
		if c.NotNull {
			null = "not null"
		}
		rows = append(rows, []string{finding.QuoteIdent(c.Name), c.Type, null, strings.TrimSpace(extra), c.Comment})
	}
	lines := table([]string{"column", "type", "null", "default", "comment"}, rows)
	lines[0] = m.styles.Muted.Render(lines[0])
	if r.Comment != "" {
		lines = append(lines, "", m.styles.Muted.Render("comment: ")+esc(r.Comment))
	}
	return lines
}

func (m *Model) indexLines(r *catalog.Relation) []string {
	if len(r.Indexes) == 0 {
		return []string{m.styles.Muted.Render("no indexes")}
	}
	var rows [][]string
	for _, ix := range r.Indexes {
		var flags []string
		if ix.Primary {
			flags = append(flags, "primary")
		} else if ix.Unique {
			flags = append(flags, "unique")
		}
		if ix.Predicate != "" {
			flags = append(flags, "partial")
		}
		if ix.Expression {
			flags = append(flags, "expression")
		}
		if !ix.Valid {
			flags = append(flags, "INVALID")
		}
		keys := strings.Join(ix.Keys, ", ")
		if ix.Predicate != "" {
			keys += " WHERE " + ix.Predicate
		}
		rows = append(rows, []string{finding.QuoteIdent(ix.Name), ix.Method, strings.Join(flags, ","), keys,
			bytesText(ix.Bytes), fmt.Sprint(ix.Scans)})
	}
	lines := table([]string{"index", "method", "kind", "keys", "size", "scans"}, rows)
	lines[0] = m.styles.Muted.Render(lines[0])
	return lines
}

func (m *Model) constraintLines(r *catalog.Relation) []string {
	if len(r.Constraints) == 0 {
		return []string{m.styles.Muted.Render("no constraints")}
	}
	var rows [][]string
	for _, c := range r.Constraints {
		state := ""
		if !c.Validated {
			state = "NOT VALID"
		}
		if !c.Local {
			state = strings.TrimSpace(state + " inherited")
		}
		rows = append(rows, []string{finding.QuoteIdent(c.Name), string(c.Type), state, c.Summary()})
	}
	lines := table([]string{"constraint", "type", "state", "definition"}, rows)
	lines[0] = m.styles.Muted.Render(lines[0])
	return lines
}

// relations lists the tables r points at and those pointing at r, the
// parent and partitions, with the key each line jumps to.
func (m *Model) relations(r *catalog.Relation) ([]string, []catalog.Key) {
	var lines []string
	var keys []catalog.Key
	for _, c := range r.Constraints {
		if c.Type == catalog.ForeignKey && c.References != nil {
			lines = append(lines, esc(fmt.Sprintf("→ %s (%s) references %s (%s)  on delete %s, on update %s",
				finding.QuoteIdent(c.Name), strings.Join(c.Columns, ", "), c.References, strings.Join(c.RefColumns, ", "),
				strings.ToLower(c.OnDelete), strings.ToLower(c.OnUpdate))))
			keys = append(keys, *c.References)
		}
	}
	for _, in := range m.look.ReferencedBy(r.Key()) {
		c := in.Constraint
		lines = append(lines, esc(fmt.Sprintf("← %s (%s) referenced by %s.%s (%s)  on delete %s",
			strings.Join(c.RefColumns, ", "), r.Name, in.From, finding.QuoteIdent(c.Name), strings.Join(c.Columns, ", "),
			strings.ToLower(c.OnDelete))))
		keys = append(keys, in.From)
	}
	if r.Parent != nil {
		lines = append(lines, esc("↑ partition of "+r.Parent.String()+" "+r.PartitionBound))
		keys = append(keys, *r.Parent)
	}
	for _, p := range r.Partitions {
		lines = append(lines, esc("↓ partition "+p.String()))
		keys = append(keys, p)
	}
	if len(lines) == 0 {
		lines = []string{m.styles.Muted.Render("no relationships")}
	}
	return lines, keys
}

// relationTargets is the jump target of each Relations line.
func (m *Model) relationTargets() []catalog.Key {
	r := m.Selected()
	if r == nil {
		return nil
	}
	_, keys := m.relations(r)
	return keys
}

func (m *Model) findingLines(r *catalog.Relation) []string {
	fs := m.findings[r.Key()]
	if len(fs) == 0 {
		return []string{m.styles.OK.Render("no findings")}
	}
	var lines []string
	for _, f := range fs {
		sev := m.styles.Info
		switch f.Severity {
		case finding.Error:
			sev = m.styles.Error
		case finding.Warning:
			sev = m.styles.Warning
		}
		lines = append(lines, sev.Render(string(f.Severity))+" "+m.styles.Bold.Render(f.Rule)+" "+esc(f.Object))
		lines = append(lines, "  "+esc(f.Message))
		if f.Fix != "" {
			lines = append(lines, "  "+m.styles.Muted.Render("fix: ")+esc(f.Fix))
		}
	}
	return lines
}
