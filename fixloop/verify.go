package fixloop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/explain"
)

// Verify is the result of the last step: the statement planned again the
// same way, and the two plans compared.
type Verify struct {
	After      *PlanResult         `json:"-"`
	Comparison *explain.Comparison `json:"-"`
	// Changed is the first node whose type changed ("Seq Scan on tasks"
	// → "Index Scan using … on tasks"); nil when none did.
	Changed *explain.Pair `json:"-"`
}

// VerifyPlan plans the statement again with the same values and the same
// mode as before, and compares.
func VerifyPlan(ctx context.Context, d *db.DB, st Statement, before *PlanResult) (*Verify, error) {
	after, err := PlanStatement(ctx, d, st)
	if err != nil {
		return nil, err
	}
	v := &Verify{After: after, Comparison: explain.Compare(before.Plan, after.Plan)}
	for i, p := range v.Comparison.Pairs {
		if p.Before != nil && p.After != nil && p.Before.NodeType != p.After.NodeType {
			v.Changed = &v.Comparison.Pairs[i]
			break
		}
	}
	return v, nil
}

// RunApply is steps e and f on a session: apply, then plan again and
// compare. A StopError is recorded as Stopped, a failure as Failed with
// the server's message and what was cleaned up.
func (s *Session) RunApply(ctx context.Context, d *db.DB, o ApplyOptions) error {
	if o.By == "" {
		o.By = whoAmI()
	}
	r, err := ApplyMigration(ctx, d, s.Migration, o)
	s.Apply = r
	var stop *StopError
	switch {
	case errors.As(err, &stop):
		s.Record(StepApply, Stopped, "%s; to continue: %s", stop.Reason, stop.Continue)
		return err
	case err != nil && r != nil && r.Failed != "":
		msg := "the migration failed: " + r.Failed
		if len(r.Cleanup) > 0 {
			msg += fmt.Sprintf("; undone: %v", r.Cleanup)
		}
		if len(r.LeftBehind) > 0 {
			msg += fmt.Sprintf("; NOT undone: %v", r.LeftBehind)
		} else {
			msg += "; nothing is left half-done"
		}
		s.Record(StepApply, Failed, "%s", msg)
		return err
	case err != nil:
		s.Record(StepApply, Failed, "%v", err)
		return err
	}
	earlier := ""
	if len(r.Earlier) > 0 {
		earlier = fmt.Sprintf("applied the %d migration(s) pending before it first (%s); ", len(r.Earlier), strings.Join(r.Earlier, ", "))
	}
	s.Record(StepApply, Done, "%sapplied %s in %.1f ms; index %s is valid; %s analyzed", earlier,
		s.Migration.UpPath(), float64(r.Took.Microseconds())/1000, s.Migration.Index.QualifiedName(), s.Migration.Index.Relation())
	v, err := VerifyPlan(ctx, d, s.Statement, s.Before)
	if err != nil {
		s.Record(StepVerify, Failed, "%v", err)
		return err
	}
	s.Verify = v
	msg := "after: " + planLine(v.After)
	if v.Changed != nil {
		msg += "; " + changeText(v.Changed)
	} else {
		msg += "; no node changed type: the planner kept its plan"
	}
	s.Record(StepVerify, Done, "%s", msg)
	return nil
}

func whoAmI() string {
	by := ""
	if u, err := user.Current(); err == nil {
		by = u.Username
	}
	if h, err := os.Hostname(); err == nil {
		by += "@" + h
	}
	return by
}

// changeText says what became of the changed node, with the index the
// new scan uses ("Seq Scan on tasks became Bitmap Heap Scan on tasks
// using tasks_assignee_id_idx").
func changeText(p *explain.Pair) string {
	for _, c := range p.Changes {
		if strings.Contains(c, " became ") {
			return c
		}
	}
	return p.Before.Label() + " became " + p.After.Label()
}
