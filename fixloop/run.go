package fixloop

import (
	"context"

	"github.com/pgdeck/pgdeck/db"
)

// Options are what `pgdeck fix` passes to Run.
type Options struct {
	Migration MigrationOptions
	Apply     ApplyOptions
	// DoApply runs steps e and f; without it the flow stops after
	// writing the migration.
	DoApply bool
	// Hypo replaces the database as the hypothetical planner (tests).
	Hypo Hypothesizer
}

// Run walks the whole loop for st and returns the session however far it
// got, with the error that stopped it (nil when every step asked for
// ran). Skipped steps (no hypopg) do not stop it.
func Run(ctx context.Context, d *db.DB, st Statement, o Options) (*Session, error) {
	s := &Session{Statement: st}
	if err := s.RunPlan(ctx, d); err != nil {
		return s, err
	}
	if err := s.RunFindings(ctx, d); err != nil || s.Ended() {
		return s, stopped(s, err)
	}
	var h Hypothesizer = d
	if o.Hypo != nil {
		h = o.Hypo
	}
	if err := s.RunHypothetical(ctx, h); err != nil || s.Ended() {
		return s, stopped(s, err)
	}
	if o.Migration.LockTimeout <= 0 {
		o.Migration.LockTimeout = o.Apply.LockTimeout
	}
	if err := s.RunMigration(ctx, d, o.Migration); err != nil {
		return s, err
	}
	if !o.DoApply {
		return s, nil
	}
	return s, s.RunApply(ctx, d, o.Apply)
}

// EndedError is the error Run returns when a step stopped the flow by
// design (the index exists, no candidate helps).
type EndedError struct{ Event Event }

func (e *EndedError) Error() string { return e.Event.Step + ": " + e.Event.Message }

func stopped(s *Session, err error) error {
	if err != nil {
		return err
	}
	return &EndedError{Event: s.Last()}
}
