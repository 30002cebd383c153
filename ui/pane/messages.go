package pane

import "github.com/pgdeck/pgdeck/fixloop"

// The messages below are sent by panes as tea.Msg values (return them from
// a tea.Cmd) and interpreted by the root, which routes them on.

// FocusMsg asks the root to switch to a pane.
type FocusMsg struct{ To ID }

// StatusMsg puts a line in the status bar. Err, when set, is shown as the
// last error, in words.
type StatusMsg struct {
	Text string
	Err  error
}

// OpenPlanMsg asks the root to show a plan in the Plan pane and focus it.
// Source is EXPLAIN output as PostgreSQL printed it (TEXT or JSON); SQL is
// the statement it belongs to, when known. Before, when set, is an earlier
// plan of the same statement to compare against.
type OpenPlanMsg struct {
	Source string
	SQL    string
	Title  string
	Before string
}

// ExplainMsg asks the root to explain a statement (the Plan pane runs it)
// and focus the Plan pane. Analyze asks for EXPLAIN ANALYZE, which always
// runs in a transaction that is rolled back.
type ExplainMsg struct {
	SQL     string
	Analyze bool
}

// ShowTableMsg asks the root to open a table in the Schema pane.
type ShowTableMsg struct {
	Schema string
	Name   string
}

// ConfirmMsg asks the root to put a yes/no question to the user. When
// the user says yes, the root sends ConfirmedMsg{To: From, Action} back to
// the asking pane, which interprets Action; on no nothing is sent.
type ConfirmMsg struct {
	From     ID
	Question string
	// Danger marks destructive actions: the dialog defaults to "no".
	Danger bool
	Action any
}

// ConfirmedMsg is the root's answer to a ConfirmMsg the user accepted.
type ConfirmedMsg struct {
	To     ID
	Action any
}

// FixMsg hands the fix loop's session from one pane to the next: the Plan
// pane sends it to the Migrations pane once the migration is written, the
// Migrations pane back to the Plan pane once it is applied and the
// statement planned again. It travels inside an Envelope addressed to the
// pane that takes over (its Seq is not checked), so it reaches that pane
// whatever has focus; the sender also sends a FocusMsg.
type FixMsg struct {
	Session *fixloop.Session
}
