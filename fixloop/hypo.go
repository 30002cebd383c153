package fixloop

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
)

// Hypothesizer plans a statement with and without a hypothetical index;
// *db.DB is one (with hypopg).
type Hypothesizer interface {
	HypotheticalIndex(ctx context.Context, sql, createIndex string, params []string) (db.HypoResult, error)
}

// Tried is one candidate planned with hypopg.
type Tried struct {
	Candidate
	// Hypo is the server's answer: both plans, both costs, and whether
	// the plan used the index.
	Hypo db.HypoResult `json:"-"`
	// Err is set when this candidate could not be planned.
	Err string `json:"error,omitempty"`
}

// Compare aligns the plans without and with the hypothetical index, for
// the compare view.
func (t Tried) Compare() (*explain.Comparison, error) {
	before, err := explain.Parse(t.Hypo.Before)
	if err != nil {
		return nil, fmt.Errorf("read the plan without the index: %w", err)
	}
	after, err := explain.Parse(t.Hypo.After)
	if err != nil {
		return nil, fmt.Errorf("read the plan with the index: %w", err)
	}
	return explain.Compare(before, after), nil
}

// HypoResult is the result of step c.
type HypoResult struct {
	Tried []Tried `json:"candidates"`
	// Best is the used candidate with the lowest estimated cost; nil when
	// the planner used none of them.
	Best *Tried `json:"best"`
	// Skipped says why no candidate was tried (hypopg missing) and how to
	// install it.
	Skipped string `json:"skipped,omitempty"`
}

// TryHypothetical plans the statement with each variant of each proposal
// as a hypothetical index (step c). Without hypopg it returns a result
// that says how to install it; the flow goes on without the estimate.
func TryHypothetical(ctx context.Context, h Hypothesizer, st Statement, props *Proposals) (*HypoResult, error) {
	sql, err := st.Bound()
	if err != nil {
		return nil, err
	}
	r := &HypoResult{}
	for _, p := range props.Items {
		for _, c := range Variants(p.Candidate, p.Columns) {
			hr, err := h.HypotheticalIndex(ctx, sql, c.HypoSQL(), nil)
			if errors.Is(err, db.ErrNoHypoPG) {
				r.Tried = nil
				r.Skipped = strings.TrimPrefix(err.Error(), "hypothetical index: ")
				return r, nil
			}
			if err != nil {
				if ctx.Err() != nil {
					return nil, err
				}
				r.Tried = append(r.Tried, Tried{Candidate: c, Err: err.Error()})
				continue
			}
			r.Tried = append(r.Tried, Tried{Candidate: c, Hypo: hr})
		}
	}
	for i := range r.Tried {
		t := &r.Tried[i]
		if t.Err != "" || !t.Hypo.Used || t.Hypo.AfterCost >= t.Hypo.BeforeCost {
			continue
		}
		// Ties go to the earlier candidate: the proposal, then fewer columns.
		if r.Best == nil || t.Hypo.AfterCost < r.Best.Hypo.AfterCost {
			r.Best = t
		}
	}
	return r, nil
}

// RunHypothetical is step c on a session.
func (s *Session) RunHypothetical(ctx context.Context, h Hypothesizer) error {
	r, err := TryHypothetical(ctx, h, s.Statement, s.Proposals)
	if err != nil {
		s.Record(StepHypothetical, Failed, "%v", err)
		return err
	}
	s.Hypo = r
	switch {
	case r.Skipped != "":
		s.Record(StepHypothetical, Skipped, "%s; going on without an estimate, with the proposal %s", r.Skipped, s.Proposals.Items[0].String())
	case r.Best == nil:
		s.Record(StepHypothetical, Stopped, "the planner used none of the %d candidate index(es), or none lowered the cost: an index is not the fix here (look at statistics, casts, or the query's shape)", len(r.Tried))
	default:
		b := r.Best
		s.Record(StepHypothetical, Done, "best of %d candidate(s): %s — estimated cost %.2f → %.2f (%.1f× lower)",
			len(r.Tried), b.String(), b.Hypo.BeforeCost, b.Hypo.AfterCost, b.Hypo.BeforeCost/max(b.Hypo.AfterCost, 0.01))
	}
	return nil
}
