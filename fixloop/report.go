package fixloop

import (
	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/finding"
)

// Report is the JSON twin of a session (`pgdeck fix --format json`).
// Figures a step did not produce are null.
type Report struct {
	Statement    Statement              `json:"statement"`
	Plan         *PlanJSON              `json:"plan"`
	Findings     []explain.PlanFinding  `json:"findings"`
	Related      []finding.Finding      `json:"related_findings"`
	Proposals    []Proposal             `json:"proposals"`
	Existing     []Existing             `json:"existing_indexes"`
	Hypothetical *HypoJSON              `json:"hypothetical"`
	Migration    *MigrationJSON         `json:"migration"`
	Apply        *ApplyResult           `json:"apply"`
	Before       *SideJSON              `json:"before"`
	After        *SideJSON              `json:"after"`
	Compare      *explain.CompareReport `json:"compare"`
	Log          []Event                `json:"log"`
}

// PlanJSON says how the statement was first planned.
type PlanJSON struct {
	Mode PlanMode `json:"mode"`
	Why  string   `json:"why,omitempty"`
}

// HypoJSON is step c: the best candidate's costs at the top, every
// candidate below. Skipped carries the install advice without hypopg.
type HypoJSON struct {
	Index      *string         `json:"index"`
	Definition *string         `json:"definition"`
	CostBefore *float64        `json:"cost_before"`
	CostAfter  *float64        `json:"cost_after"`
	Skipped    *string         `json:"skipped"`
	Candidates []CandidateJSON `json:"candidates"`
}

// CandidateJSON is one hypothetical candidate.
type CandidateJSON struct {
	Table      string   `json:"table"`
	Columns    []string `json:"columns"`
	Definition string   `json:"definition"`
	CostBefore *float64 `json:"cost_before"`
	CostAfter  *float64 `json:"cost_after"`
	Used       bool     `json:"used"`
	Error      *string  `json:"error"`
}

// MigrationJSON is the written migration.
type MigrationJSON struct {
	Path    string              `json:"path"`
	Files   []string            `json:"files"`
	Dir     string              `json:"dir"`
	Format  Format              `json:"format"`
	Version string              `json:"version"`
	Index   string              `json:"index"`
	Created bool                `json:"created_dir"`
	Written bool                `json:"written"`
	Lint    []migration.Finding `json:"lint"`
	Up      string              `json:"up"`
}

// SideJSON is one side of the before/after comparison.
type SideJSON struct {
	Mode            PlanMode `json:"mode"`
	ExecutionTimeMS *float64 `json:"execution_time_ms"`
	PlanningTimeMS  *float64 `json:"planning_time_ms"`
	TotalCost       *float64 `json:"total_cost"`
	SharedHit       *int64   `json:"shared_hit_blocks"`
	SharedRead      *int64   `json:"shared_read_blocks"`
	// Node is the node that changed type, on this side ("Seq Scan on
	// tasks"); null when no node changed.
	Node *string `json:"node"`
}

// NewReport builds the JSON twin of a session.
func NewReport(s *Session) Report {
	r := Report{Statement: s.Statement, Log: s.Log}
	if r.Statement.Params == nil {
		r.Statement.Params = []string{}
	}
	if s.Before != nil {
		r.Plan = &PlanJSON{Mode: s.Before.Mode, Why: s.Before.Why}
		r.Before = side(s.Before, nil)
	}
	if p := s.Proposals; p != nil {
		r.Findings, r.Related, r.Proposals, r.Existing = p.Findings, p.Related, p.Items, p.Existing
	}
	r.Hypothetical = hypoJSON(s.Hypo)
	if m := s.Migration; m != nil {
		r.Migration = &MigrationJSON{Path: m.UpPath(), Files: paths(m.Files), Dir: m.Target.Dir, Format: m.Target.Format,
			Version: m.Version, Index: m.Index.QualifiedName(), Created: m.Target.Created, Written: m.Written, Lint: m.Lint, Up: m.Files[0].Text}
		if r.Migration.Lint == nil {
			r.Migration.Lint = []migration.Finding{}
		}
	}
	r.Apply = s.Apply
	if v := s.Verify; v != nil {
		var bn, an *string
		if v.Changed != nil {
			b, a := v.Changed.Before.Label(), v.Changed.After.Label()
			bn, an = &b, &a
		}
		r.Before = side(s.Before, bn)
		r.After = side(v.After, an)
		c := explain.NewCompareReport(v.Comparison)
		r.Compare = &c
	}
	for _, sl := range []*[]explain.PlanFinding{&r.Findings} {
		if *sl == nil {
			*sl = []explain.PlanFinding{}
		}
	}
	if r.Related == nil {
		r.Related = []finding.Finding{}
	}
	if r.Proposals == nil {
		r.Proposals = []Proposal{}
	}
	if r.Existing == nil {
		r.Existing = []Existing{}
	}
	return r
}

func side(p *PlanResult, node *string) *SideJSON {
	s := &SideJSON{Mode: p.Mode, ExecutionTimeMS: p.ExecutionMS(), TotalCost: p.TotalCost(), Node: node}
	if p.Plan != nil {
		s.PlanningTimeMS = p.Plan.PlanningMS
	}
	if b := buffers(p); b != nil {
		hit, read := b.SharedHit, b.SharedRead
		s.SharedHit, s.SharedRead = &hit, &read
	}
	return s
}

func hypoJSON(h *HypoResult) *HypoJSON {
	if h == nil {
		return nil
	}
	out := &HypoJSON{Candidates: []CandidateJSON{}}
	if h.Skipped != "" {
		out.Skipped = &h.Skipped
	}
	for _, t := range h.Tried {
		c := CandidateJSON{Table: t.Relation(), Columns: t.Columns, Definition: t.HypoSQL(), Used: t.Hypo.Used}
		if t.Err != "" {
			e := t.Err
			c.Error = &e
		} else {
			b, a := t.Hypo.BeforeCost, t.Hypo.AfterCost
			c.CostBefore, c.CostAfter = &b, &a
		}
		out.Candidates = append(out.Candidates, c)
	}
	if b := h.Best; b != nil {
		name, def := b.Name(), b.HypoSQL()
		cb, ca := b.Hypo.BeforeCost, b.Hypo.AfterCost
		out.Index, out.Definition, out.CostBefore, out.CostAfter = &name, &def, &cb, &ca
	}
	return out
}
