// Package pane is the contract between the root model and the panes: the
// Pane interface, the envelope async results travel in, and the messages
// panes send each other through the root.
package pane

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// ID names a pane. It addresses envelopes and cross-pane messages.
type ID string

// The panes of the console, in tab order.
const (
	Overview   ID = "overview"
	Schema     ID = "schema"
	Query      ID = "query"
	Plan       ID = "plan"
	Slow       ID = "slow"
	Indexes    ID = "indexes"
	Activity   ID = "activity"
	Health     ID = "health"
	Migrations ID = "migrations"
)

// Pane is what the root model drives. Panes have the shape of bubbles'
// own components: the root owns the window and calls SetSize; only the
// root builds a tea.View.
type Pane interface {
	ID() ID
	// Title is the tab label.
	Title() string
	// Init starts the pane's first load; it is called once, when the
	// console starts (or when the pane is first created).
	Init() tea.Cmd
	Update(tea.Msg) (Pane, tea.Cmd)
	// View renders exactly the area given by SetSize.
	View() string
	SetSize(width, height int)
	Focus() tea.Cmd
	Blur()
	// KeyMap lists the pane's keys for the help overlay.
	KeyMap() help.KeyMap
	// Capturing reports whether a text input inside the pane has focus, so
	// the root must not take printable keys (digits, q, Tab) for itself.
	Capturing() bool
	// Busy reports whether the pane has database work running that a
	// CancelMsg would stop.
	Busy() bool
}

// Envelope carries an async result to the pane that asked for it,
// whichever pane has focus when it arrives. Seq is the pane's request
// number: a pane drops an envelope older than its latest request.
type Envelope struct {
	To  ID
	Seq uint64
	Msg tea.Msg
}

// Run wraps fn as a command whose result is delivered to pane `to` in an
// Envelope. fn must capture values, never the pane itself: it runs on
// another goroutine.
func Run(to ID, seq uint64, fn func() tea.Msg) tea.Cmd {
	return func() tea.Msg {
		return Envelope{To: to, Seq: seq, Msg: fn()}
	}
}

// CancelMsg asks a busy pane to cancel its running work (Ctrl-C, Esc).
type CancelMsg struct{}

// RefreshMsg asks a pane to reload its data (the global refresh key).
type RefreshMsg struct{}

// ThemeMsg tells every pane the shared *theme.Styles changed (the terminal
// reported its background colour); panes that derive styles rebuild them.
type ThemeMsg struct{}

// Loaded is the result of a Load: the value, or the error, and when it
// was read (for rates between two reads).
type Loaded[T any] struct {
	Value T
	Err   error
	At    time.Time
}

// Load runs fn under a timeout in a command and delivers its result to
// pane `to` as a Loaded[T] in an Envelope — the background refresh every
// data pane does. fn must capture values, never the pane.
func Load[T any](to ID, seq uint64, timeout time.Duration, fn func(context.Context) (T, error)) tea.Cmd {
	return Run(to, seq, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		v, err := fn(ctx)
		return Loaded[T]{Value: v, Err: err, At: time.Now()}
	})
}

// Tick sends msg to pane `to` after d, in an Envelope with the pane's
// sequence number, so a refresh timer of an outdated load is dropped.
func Tick(to ID, seq uint64, d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return Envelope{To: to, Seq: seq, Msg: msg} })
}
