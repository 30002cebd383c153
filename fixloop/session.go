// Package fixloop closes the loop from a slow statement to a verified fix:
// plan the statement, find the index a plan finding proposes, try
// candidates as hypothetical indexes, write the chosen one as a linted
// migration in the project's folder, apply it with pgdeck's runner, and
// plan the statement again to compare before and after.
//
// Each step is a function of plain inputs returning a plain result, so the
// console runs them one by one in its own commands (capturing values, not
// a model) while `pgdeck fix` runs them all with Run. A Session gathers the
// results and a log of what each step did; both the Plan/Migrations panes
// and the CLI twin render that same value.
package fixloop

import (
	"fmt"
	"slices"
	"time"
)

// StepStatus says how a step ended.
type StepStatus string

// The statuses of a step.
const (
	// Done: the step did what it set out to do.
	Done StepStatus = "done"
	// Skipped: the step could not run, and the flow went on without it
	// (no hypopg).
	Skipped StepStatus = "skipped"
	// Stopped: the flow ends here by design or by a fact of the database
	// (read-only mode, the index exists already); Message says how to go on.
	Stopped StepStatus = "stopped"
	// Failed: the step went wrong; Message carries the server's words.
	Failed StepStatus = "failed"
)

// Step names, in the order of the flow.
const (
	StepPlan         = "plan"
	StepFindings     = "findings"
	StepHypothetical = "hypothetical"
	StepMigration    = "migration"
	StepApply        = "apply"
	StepVerify       = "verify"
)

// Event is one line of a session's log: which step, how it ended, and
// what it said.
type Event struct {
	Step    string     `json:"step"`
	Status  StepStatus `json:"status"`
	Message string     `json:"message"`
	At      time.Time  `json:"-"`
}

// Session is the whole record of one pass through the loop. Fields are nil
// until their step has run.
type Session struct {
	Statement Statement `json:"statement"`
	// Before is the statement's plan as first planned.
	Before *PlanResult `json:"-"`
	// Proposals are the indexes the findings propose (step b).
	Proposals *Proposals `json:"-"`
	// Hypo are the hypothetical candidates and the best one (step c).
	Hypo *HypoResult `json:"-"`
	// Migration is the written migration (step d).
	Migration *Migration `json:"-"`
	// Apply is the applied migration and the plan after it (step e).
	Apply *ApplyResult `json:"-"`
	// Verify is the statement planned again after the apply, compared.
	Verify *Verify `json:"-"`
	// Log lists every step that ran, in order.
	Log []Event `json:"log"`
}

// Record appends an event to the log.
func (s *Session) Record(step string, st StepStatus, format string, args ...any) {
	s.Log = append(s.Log, Event{Step: step, Status: st, Message: fmt.Sprintf(format, args...), At: time.Now()})
}

// Last is the latest event, or the zero Event.
func (s *Session) Last() Event {
	if len(s.Log) == 0 {
		return Event{}
	}
	return s.Log[len(s.Log)-1]
}

// Ended reports whether the flow stopped or failed at its last step.
func (s *Session) Ended() bool {
	st := s.Last().Status
	return st == Stopped || st == Failed
}

// Chosen is the index the migration builds: the best hypothetical
// candidate when hypopg ran and one was used, else the first proposal.
func (s *Session) Chosen() (Candidate, bool) {
	if s.Hypo != nil && s.Hypo.Best != nil {
		return s.Hypo.Best.Candidate, true
	}
	if s.Proposals != nil && len(s.Proposals.Items) > 0 {
		return s.Proposals.Items[0].Candidate, true
	}
	return Candidate{}, false
}

// Clone copies the session for the next step to fill in, so a console
// command can work on its copy while the pane keeps showing the original:
// the results are shared (they are not changed once set), the log is not.
func (s *Session) Clone() *Session {
	c := *s
	c.Log = slices.Clone(s.Log)
	return &c
}
