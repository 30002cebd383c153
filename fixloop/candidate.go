package fixloop

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/finding"
)

// maxCandidates bounds how many hypothetical indexes are tried per scan:
// each one is a pair of plans on the server.
const maxCandidates = 8

// Candidate is an index on some columns of one table.
type Candidate struct {
	// Schema is empty when the plan did not say (plans without VERBOSE):
	// the table is then found on the search path, as the statement finds it.
	Schema  string   `json:"schema,omitempty"`
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
	// Suffix tells the index apart from another relation that took its
	// default name ("_1").
	Suffix string `json:"-"`
}

// Name is the index name PostgreSQL would choose by default
// (table_col_col_idx), cut to fit in 63 bytes.
func (c Candidate) Name() string {
	end := "_idx" + c.Suffix
	name := c.Table + "_" + strings.Join(c.Columns, "_") + end
	if len(name) > 63 {
		cut := 63 - len(end)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut-- // never split a character, as PostgreSQL's own truncation does not
		}
		name = name[:cut] + end
	}
	return name
}

// QualifiedName is the index name with the table's schema.
func (c Candidate) QualifiedName() string { return finding.Qualified(c.Schema, c.Name()) }

// Relation is the table as SQL names it.
func (c Candidate) Relation() string { return finding.Qualified(c.Schema, c.Table) }

func (c Candidate) columnList() string {
	q := make([]string, len(c.Columns))
	for i, col := range c.Columns {
		q[i] = finding.QuoteIdent(col)
	}
	return strings.Join(q, ", ")
}

// String is "tasks (assignee_id, due_at)".
func (c Candidate) String() string {
	return c.Relation() + " (" + strings.Join(c.Columns, ", ") + ")"
}

// CreateSQL builds the index without blocking writes; IF NOT EXISTS makes
// a re-run after a cleaned-up failure harmless.
func (c Candidate) CreateSQL() string {
	return fmt.Sprintf("CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s (%s);",
		finding.QuoteIdent(c.Name()), c.Relation(), c.columnList())
}

// DropSQL removes the index without blocking reads or writes.
func (c Candidate) DropSQL() string {
	return fmt.Sprintf("DROP INDEX CONCURRENTLY IF EXISTS %s;", c.QualifiedName())
}

// HypoSQL is the statement hypopg is given: a plain CREATE INDEX (hypopg
// builds nothing, so CONCURRENTLY means nothing to it).
func (c Candidate) HypoSQL() string {
	return fmt.Sprintf("CREATE INDEX ON %s (%s)", c.Relation(), c.columnList())
}

func (c Candidate) same(o Candidate) bool {
	return c.Schema == o.Schema && c.Table == o.Table && slices.Equal(c.Columns, o.Columns)
}

// Variants lists the candidates worth trying for a filter, the proposal
// first: the proposal itself, each column alone (equality columns first),
// and every pair with equality columns before range columns (a B-tree
// serves a range only on the column after the equalities).
func Variants(proposal Candidate, fc explain.FilterColumns) []Candidate {
	out := []Candidate{proposal}
	add := func(cols ...string) {
		c := Candidate{Schema: proposal.Schema, Table: proposal.Table, Columns: cols}
		for _, o := range out {
			if o.same(c) {
				return
			}
		}
		if len(out) < maxCandidates {
			out = append(out, c)
		}
	}
	for _, e := range fc.Equality {
		add(e)
	}
	for _, r := range fc.Range {
		add(r)
	}
	for i, a := range fc.Equality {
		for _, b := range fc.Equality[i+1:] {
			add(a, b)
		}
		for _, r := range fc.Range {
			add(a, r)
		}
	}
	return out
}
