// Package ui is the console: the root model that owns the window, the
// global keys, the tab bar, the status bar and the overlays, and routes
// messages to the panes in the sub-packages.
package ui

import (
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/config"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// Deps is what the console needs from main.
type Deps struct {
	DB *db.DB
	// NoColor is set when NO_COLOR is in the environment.
	NoColor bool
	// Dark is the initial guess of the background; the terminal's answer
	// to a background colour query replaces it unless ThemeForced (the
	// config file names a theme).
	Dark        bool
	ThemeForced bool
	// Keys are the global keys (DefaultKeyMap with config overrides).
	Keys KeyMap
	// MigrationsDir is the migrations folder to show; empty means look in
	// the usual places under the working directory.
	MigrationsDir string
	// Config holds the key remappings for the panes.
	Config config.Config
	// Panes, when set, replaces the default set (tests use it).
	Panes []pane.Pane
}

// Model is the root model.
type Model struct {
	db      *db.DB
	styles  *theme.Styles
	noColor bool
	// themeForced keeps the configured theme whatever the terminal says.
	themeForced bool
	keys        KeyMap
	help        help.Model
	spinner     spinner.Model

	panes  []pane.Pane
	active int
	width  int
	height int
	layout Layout

	showHelp bool
	confirm  *pane.ConfirmMsg
	message  string
	lastErr  error
	// messageSeq numbers status messages so a timer clears only its own.
	messageSeq uint64
	quitting   bool
}

// MessageFor is how long an informational status message stays before
// the key hints come back; errors stay until the next message.
const MessageFor = 6 * time.Second

// clearMessageMsg ends the status message with the same sequence number.
type clearMessageMsg struct{ seq uint64 }

// quitAction is the root's own confirm action: quit although a
// transaction is open.
type quitAction struct{}

// New builds the console.
func New(d Deps) *Model {
	styles := theme.NewStyles(d.Dark, d.NoColor)
	m := &Model{
		db:          d.DB,
		styles:      styles,
		noColor:     d.NoColor,
		keys:        d.Keys,
		themeForced: d.ThemeForced,
		help:        newHelp(styles),
		spinner:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		panes:       d.Panes,
	}
	if m.panes == nil {
		var errs []error
		m.panes = defaultPanes(d, styles, func(section string, km any) {
			if err := d.Config.Apply(section, km); err != nil {
				errs = append(errs, err)
			}
		})
		m.lastErr = errors.Join(errs...)
	}
	return m
}

// Init starts every pane's first load and asks the terminal for its
// background colour.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.spinner.Tick}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	if len(m.panes) > 0 {
		cmds = append(cmds, m.panes[0].Focus())
	}
	return tea.Batch(cmds...)
}

// Focused returns the focused pane.
func (m *Model) Focused() pane.Pane { return m.panes[m.active] }

// Update routes a message: window and theme changes to everyone, keys to
// the root first and then the focused pane, envelopes to their owner
// whatever has focus, cross-pane requests to the root.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		if m.themeForced {
			return m, nil
		}
		*m.styles = *theme.NewStyles(msg.IsDark(), m.noColor)
		m.help = newHelp(m.styles)
		m.help.SetWidth(m.width)
		return m, m.broadcast(pane.ThemeMsg{})
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		if m.layout.TooSmall || m.confirm != nil || m.showHelp {
			return m, nil // text must not reach an editor the user cannot see
		}
		return m, m.updateFocused(msg)
	case tea.MouseClickMsg:
		if m.confirm != nil || m.showHelp {
			return m, nil
		}
		return m, m.handleClick(msg)
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg)
	case pane.Envelope:
		return m, m.send(msg.To, msg)
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	}
	if cmd, ok := m.route(msg); ok {
		return m, cmd
	}
	return m, m.updateFocused(msg)
}

// route handles the cross-pane messages of package pane.
func (m *Model) route(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case pane.StatusMsg:
		m.message, m.lastErr = msg.Text, msg.Err
		m.messageSeq++
		if msg.Err != nil {
			return nil, true // errors stay until the next message
		}
		seq := m.messageSeq
		return tea.Tick(MessageFor, func(time.Time) tea.Msg { return clearMessageMsg{seq: seq} }), true
	case clearMessageMsg:
		if msg.seq == m.messageSeq {
			m.message = ""
		}
		return nil, true
	case pane.FocusMsg:
		return m.focusID(msg.To), true
	case pane.ConfirmMsg:
		m.confirm = &msg
		return nil, true
	case pane.OpenPlanMsg, pane.ExplainMsg:
		return tea.Batch(m.send(pane.Plan, msg), m.focusID(pane.Plan)), true
	case pane.ShowTableMsg:
		return tea.Batch(m.send(pane.Schema, msg), m.focusID(pane.Schema)), true
	}
	return nil, false
}

// send delivers msg to the pane with the given id, if the console has it.
func (m *Model) send(id pane.ID, msg tea.Msg) tea.Cmd {
	for i, p := range m.panes {
		if p.ID() == id {
			var cmd tea.Cmd
			m.panes[i], cmd = p.Update(msg)
			return cmd
		}
	}
	if _, isEnvelope := msg.(pane.Envelope); !isEnvelope {
		m.message, m.lastErr = "this console has no "+string(id)+" pane yet", nil
	}
	return nil
}

func (m *Model) updateFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.panes[m.active], cmd = m.panes[m.active].Update(msg)
	return cmd
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(m.panes))
	for i, p := range m.panes {
		m.panes[i], cmds[i] = p.Update(msg)
	}
	return tea.Batch(cmds...)
}

func (m *Model) resize(w, h int) {
	m.width, m.height = w, h
	m.layout = ComputeLayout(w, h)
	m.help.SetWidth(w)
	if m.layout.TooSmall {
		return
	}
	for _, p := range m.panes {
		p.SetSize(m.layout.Body.W, m.layout.Body.H)
	}
}

// focus switches to pane i.
func (m *Model) focus(i int) tea.Cmd {
	if i < 0 || i >= len(m.panes) || i == m.active {
		return nil
	}
	m.panes[m.active].Blur()
	m.active = i
	return m.panes[i].Focus()
}

func (m *Model) focusID(id pane.ID) tea.Cmd {
	for i, p := range m.panes {
		if p.ID() == id {
			return m.focus(i)
		}
	}
	return nil
}

// busy reports whether any pane has cancellable work running.
func (m *Model) busy() bool {
	for _, p := range m.panes {
		if p.Busy() {
			return true
		}
	}
	return false
}

// inTransaction reports whether the user's session has a transaction open
// (or failed), which quitting would roll back.
func (m *Model) inTransaction() bool {
	if m.db == nil || m.db.Session == nil {
		return false
	}
	s := m.db.Session.TxStatus()
	return s == 'T' || s == 'E'
}

// newHelp builds the help renderer from our palette, so NO_COLOR and
// light terminals apply to it too.
func newHelp(s *theme.Styles) help.Model {
	h := help.New()
	h.Styles = help.Styles{
		ShortKey: s.Key, ShortDesc: s.Muted, ShortSeparator: s.Muted, Ellipsis: s.Muted,
		FullKey: s.Key, FullDesc: s.Muted, FullSeparator: s.Muted,
	}
	return h
}
