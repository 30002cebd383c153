package migrations

import (
	"strings"
	"testing"

	"github.com/pgdeck/pgdeck/fixloop"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// TestFixDangerousAskedApart: applying the migrations pending before the
// fix on one `y` also let their lint errors through. Now the first answer
// includes them without allowing danger, and lint errors come back as a
// second, distinct question naming each finding.
func TestFixDangerousAskedApart(t *testing.T) {
	m := &Model{}
	pending := &fixloop.StopError{Reason: "1 other migration(s) are pending", Pending: []string{"migrations/2_drop.up.sql"}}
	c, ok := m.fixApplied(fixAppliedMsg{err: pending})().(pane.ConfirmMsg)
	if !ok || c.Action != (fixApplyAction{withPending: true}) {
		t.Fatalf("first question %+v: want withPending without allowDangerous", c)
	}
	lint := &fixloop.StopError{Reason: "the linter reports 1 error(s)", Findings: []string{"drop-column in migrations/2_drop.up.sql: dropping a column breaks running code"}}
	c, ok = m.fixApplied(fixAppliedMsg{err: lint})().(pane.ConfirmMsg)
	if !ok || !c.Danger || c.Action != (fixApplyAction{withPending: true, allowDangerous: true}) ||
		!strings.Contains(c.Question, "drop-column in migrations/2_drop.up.sql") {
		t.Fatalf("lint question %+v: want a dangerous confirmation naming the finding", c)
	}
}
