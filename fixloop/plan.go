package fixloop

import (
	"context"
	"fmt"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
)

// PlanMode says how a plan was obtained.
type PlanMode string

// The ways a statement is planned.
const (
	// Analyzed: EXPLAIN (ANALYZE, BUFFERS), run inside BEGIN … ROLLBACK.
	Analyzed PlanMode = "analyze"
	// Estimated: plain EXPLAIN with the values written in (a statement
	// that changes data is never run by the loop).
	Estimated PlanMode = "explain"
	// Generic: a generic plan for a statement whose parameters have no
	// values; nothing is run.
	Generic PlanMode = "generic"
)

// PlanResult is one plan of the statement.
type PlanResult struct {
	Mode PlanMode `json:"mode"`
	// Why says why the plan is not an EXPLAIN ANALYZE, when it is not.
	Why  string `json:"why,omitempty"`
	JSON string `json:"-"`
	Plan *explain.Plan
}

// ExecutionMS is the plan's execution time, nil when it was not run.
func (r *PlanResult) ExecutionMS() *float64 {
	if r == nil || r.Plan == nil {
		return nil
	}
	return r.Plan.ExecutionMS
}

// TotalCost is the top node's estimated total cost.
func (r *PlanResult) TotalCost() *float64 {
	if r == nil || r.Plan == nil || r.Plan.Root == nil || !r.Plan.Root.HasCosts {
		return nil
	}
	c := r.Plan.Root.TotalCost
	return &c
}

// PlanStatement plans st (step a): EXPLAIN (ANALYZE, BUFFERS) when that is
// safe — a read-only statement whose parameters, if any, all have values —
// plain EXPLAIN for a statement that changes data, and a generic plan
// when values are missing. Analyze runs inside BEGIN READ ONLY … ROLLBACK
// on the session (see db.Explain).
func PlanStatement(ctx context.Context, d *db.DB, st Statement) (*PlanResult, error) {
	var r PlanResult
	var err error
	switch {
	case st.Generic():
		r.Mode = Generic
		r.Why = fmt.Sprintf("the statement has %d parameter(s) and no values were given (--param): a generic plan, estimated without running it", st.NParams)
		r.JSON, err = d.GenericPlan(ctx, st.SQL, nil)
	case st.Writes:
		r.Mode = Estimated
		r.Why = "the statement changes data: it is planned with plain EXPLAIN, never run"
		var sql string
		if sql, err = st.Bound(); err == nil {
			r.JSON, err = d.Explain(ctx, sql, db.ExplainOptions{})
		}
	default:
		r.Mode = Analyzed
		var sql string
		if sql, err = st.Bound(); err == nil {
			r.JSON, err = d.Explain(ctx, sql, db.ExplainOptions{Analyze: true, Buffers: true})
		}
	}
	if err != nil {
		return nil, fmt.Errorf("plan the statement: %w", err)
	}
	if r.Plan, err = explain.Parse(r.JSON); err != nil {
		return nil, fmt.Errorf("read the plan: %w", err)
	}
	return &r, nil
}

// RunPlan is step a on a session: it plans the statement and records it.
func (s *Session) RunPlan(ctx context.Context, d *db.DB) error {
	r, err := PlanStatement(ctx, d, s.Statement)
	if err != nil {
		s.Record(StepPlan, Failed, "%v", err)
		return err
	}
	s.Before = r
	msg := planLine(r)
	if r.Why != "" {
		msg += " — " + r.Why
	}
	s.Record(StepPlan, Done, "%s", msg)
	return nil
}

// planLine sums a plan up in one line: how it was made, its cost and,
// when it ran, its time and buffers.
func planLine(r *PlanResult) string {
	what := map[PlanMode]string{Analyzed: "EXPLAIN (ANALYZE, BUFFERS)", Estimated: "EXPLAIN", Generic: "generic plan"}[r.Mode]
	s := what
	if c := r.TotalCost(); c != nil {
		s += fmt.Sprintf(": cost %.2f", *c)
	}
	if ms := r.ExecutionMS(); ms != nil {
		s += fmt.Sprintf(", execution %.3f ms", *ms)
	}
	if b := buffers(r); b != nil {
		s += fmt.Sprintf(", %d buffers (%d hit, %d read)", b.SharedHit+b.SharedRead, b.SharedHit, b.SharedRead)
	}
	if r.Plan != nil && r.Plan.Root != nil {
		s += ", top node " + r.Plan.Root.Label()
	}
	return s
}

// buffers are the top node's buffers (inclusive of the whole plan).
func buffers(r *PlanResult) *explain.Buffers {
	if r == nil || r.Plan == nil || r.Plan.Root == nil {
		return nil
	}
	return r.Plan.Root.Buffers
}
