package fixloop

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pgdeck/pgdeck/advise"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/finding"
)

// indexRules are the finding rules whose fix is an index.
var indexRules = []string{"seq-scan-filter", "fk-missing-index", "seq-scan-heavy-table"}

// Proposal is an index a finding proposes, with the filter it serves.
type Proposal struct {
	Candidate
	// Rule and NodeID name the finding that proposed it.
	Rule   string `json:"rule"`
	NodeID *int   `json:"node_id"`
	// Filter is the scan's filter, whose columns give the variants.
	Filter  string                `json:"filter"`
	Columns explain.FilterColumns `json:"-"`
}

// Existing is a proposal whose index exists already.
type Existing struct {
	Candidate
	// Index lists the existing index's key columns.
	Index   []string `json:"index"`
	Message string   `json:"message"`
}

// Proposals is the result of step b.
type Proposals struct {
	// Findings are the plan's findings; Related the table findings
	// (fk-missing-index, seq-scan-heavy-table) about the tables it scans.
	Findings []explain.PlanFinding `json:"findings"`
	Related  []finding.Finding     `json:"related"`
	Items    []Proposal            `json:"proposals"`
	Existing []Existing            `json:"existing"`
	// Notes say what could not be checked.
	Notes []string `json:"notes,omitempty"`
}

// IndexLister reads the key columns of a table's valid indexes.
type IndexLister interface {
	IndexColumns(ctx context.Context, schema, table string) ([][]string, error)
}

// Propose runs the plan rules with the table's real indexes at hand (step
// b) and turns the index-proposing findings into proposals. A plan that
// was not run has no row counts for the seq-scan-filter rule, so each of
// its Seq Scans with a filter on plain columns is proposed as estimated,
// for the hypothetical step to judge.
func Propose(ctx context.Context, ix IndexLister, pr *PlanResult) *Proposals {
	out := &Proposals{}
	indexes := explain.IndexLookup(
		func(schema, rel string) ([][]string, error) { return ix.IndexColumns(ctx, schema, rel) },
		func(schema, rel string, err error) {
			out.Notes = append(out.Notes, fmt.Sprintf("could not read the indexes of %s: %v", finding.Qualified(schema, rel), err))
		})
	p := pr.Plan
	out.Findings = explain.Findings(p, explain.Options{Indexes: indexes})
	if !p.Analyzed {
		out.Findings = append(out.Findings, estimatedFindings(p, indexes)...)
	}
	for _, f := range out.Findings {
		if f.Rule != "seq-scan-filter" || f.NodeID == nil {
			continue
		}
		n := p.Nodes[*f.NodeID-1]
		fc, err := explain.ParseScanFilter(n.Filter, n.Alias)
		if err != nil || len(fc.IndexColumns()) == 0 {
			continue
		}
		c := Candidate{Schema: n.Schema, Table: n.Relation, Columns: fc.IndexColumns()}
		if idx := existing(indexes(n.Schema, n.Relation), c.Columns); idx != nil {
			out.Existing = append(out.Existing, Existing{Candidate: c, Index: idx, Message: f.Message})
			continue
		}
		out.Items = append(out.Items, Proposal{Candidate: c, Rule: f.Rule, NodeID: f.NodeID, Filter: n.Filter, Columns: fc})
	}
	return out
}

// existing returns the key columns of an index whose leading column is the
// candidate's first, the test the seq-scan-filter rule itself applies.
func existing(idx [][]string, cols []string) []string {
	for _, i := range idx {
		if len(i) > 0 && len(cols) > 0 && i[0] == cols[0] {
			return i
		}
	}
	return nil
}

// estimatedFindings are seq-scan-filter findings for a plan without
// actual rows: every Seq Scan filtering on plain columns.
func estimatedFindings(p *explain.Plan, indexes func(schema, rel string) [][]string) []explain.PlanFinding {
	var out []explain.PlanFinding
	for _, n := range p.Nodes {
		if n.NodeType != "Seq Scan" || n.Filter == "" || n.Relation == "" {
			continue
		}
		fc, err := explain.ParseScanFilter(n.Filter, n.Alias)
		if err != nil || len(fc.IndexColumns()) == 0 {
			continue
		}
		cols := fc.IndexColumns()
		obj := finding.Qualified(n.Schema, n.Relation)
		msg := fmt.Sprintf("Seq Scan on %s filters on (%s) (estimated %s rows; the plan was not run, so how many rows the filter discards is unknown)",
			obj, strings.Join(cols, ", "), fmtNum(n.PlanRows))
		fix := ""
		if idx := existing(indexes(n.Schema, n.Relation), cols); idx != nil {
			msg += fmt.Sprintf("; an index on (%s) exists already, so the cause is elsewhere: stale statistics, a cast or a function on the column, or a parameter type mismatch", strings.Join(idx, ", "))
			fix = "ANALYZE " + obj + ";"
		} else {
			msg += "; an index on (" + strings.Join(cols, ", ") + ") may let PostgreSQL read only the matching rows"
			fix = explain.CreateIndexSQL(n.Schema, n.Relation, cols)
		}
		id := n.ID
		out = append(out, explain.PlanFinding{Finding: finding.New("seq-scan-filter", obj, msg, fix), NodeID: &id})
	}
	return out
}

func fmtNum(v float64) string { return fmt.Sprintf("%.0f", v) }

// RelatedFindings adds the table findings that propose an index
// (fk-missing-index) or point at a missing one (seq-scan-heavy-table) for
// the tables the plan reads with a Seq Scan. A foreign key whose leading
// column the scan's filter tests becomes a proposal too.
func (pp *Proposals) RelatedFindings(p *explain.Plan, related []finding.Finding, fks []ForeignKeyCols) {
	for _, n := range p.Nodes {
		if n.NodeType != "Seq Scan" || n.Relation == "" {
			continue
		}
		for _, f := range related {
			if slices.Contains(indexRules, f.Rule) && sameTable(f.Object, n.Schema, n.Relation) && !slices.ContainsFunc(pp.Related, func(g finding.Finding) bool {
				return g.Rule == f.Rule && g.Object == f.Object && g.Message == f.Message
			}) {
				pp.Related = append(pp.Related, f)
			}
		}
		fc, err := explain.ParseScanFilter(n.Filter, n.Alias)
		if err != nil {
			continue
		}
		for _, fk := range fks {
			if !sameTable(finding.Qualified(fk.Schema, fk.Table), n.Schema, n.Relation) || len(fk.Columns) == 0 ||
				!slices.Contains(append(slices.Clone(fc.Equality), fc.Range...), fk.Columns[0]) {
				continue
			}
			c := Candidate{Schema: n.Schema, Table: n.Relation, Columns: fk.Columns}
			if slices.ContainsFunc(pp.Items, func(p Proposal) bool { return p.same(c) }) {
				continue
			}
			id := n.ID
			pp.Items = append(pp.Items, Proposal{Candidate: c, Rule: "fk-missing-index", NodeID: &id, Filter: n.Filter, Columns: fc})
		}
	}
}

// ForeignKeyCols is a foreign key without an index, by its table and
// columns.
type ForeignKeyCols struct {
	Schema, Table string
	Columns       []string
}

// sameTable matches a finding's object ("public.tasks") with a plan node's
// relation, whose schema the plan may not print.
func sameTable(object, schema, rel string) bool {
	if schema != "" {
		return object == finding.Qualified(schema, rel)
	}
	return object == finding.Qualified("", rel) || strings.HasSuffix(object, "."+finding.QuoteIdent(rel))
}

// tableFindings reads the index-health findings and foreign keys without
// an index, for RelatedFindings.
func tableFindings(ctx context.Context, d *db.DB) ([]finding.Finding, []ForeignKeyCols, error) {
	h, err := d.IndexHealth(ctx, 20)
	if err != nil {
		return nil, nil, err
	}
	fs := h.Findings(advise.DefaultThresholds())
	var fks []ForeignKeyCols
	for _, f := range fs {
		if f.Rule != "fk-missing-index" {
			continue
		}
		for _, fk := range h.ForeignKeys {
			if fk.Table.String() == f.Object && strings.Contains(f.Message, fk.Name) {
				fks = append(fks, ForeignKeyCols{Schema: fk.Table.Schema, Table: fk.Table.Name, Columns: fk.Columns})
			}
		}
	}
	return fs, fks, nil
}
