package ui

import (
	"context"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/ui/overview"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// inputPane is a pane with a text input, to check the root never steals
// keys such an input needs.
type inputPane struct {
	id        pane.ID
	typed     string
	capturing bool
	busy      bool
	cancelled int
	confirmed []any
}

func (p *inputPane) ID() pane.ID      { return p.id }
func (p *inputPane) Title() string    { return "Input " + string(p.id) }
func (p *inputPane) Init() tea.Cmd    { return nil }
func (p *inputPane) View() string     { return "typed:" + p.typed }
func (p *inputPane) SetSize(int, int) {}
func (p *inputPane) Focus() tea.Cmd   { return nil }
func (p *inputPane) Blur()            {}
func (p *inputPane) KeyMap() help.KeyMap {
	return overview.DefaultKeyMap()
}
func (p *inputPane) Capturing() bool { return p.capturing }
func (p *inputPane) Busy() bool      { return p.busy }
func (p *inputPane) Update(msg tea.Msg) (pane.Pane, tea.Cmd) {
	if e, ok := msg.(pane.Envelope); ok {
		msg = e.Msg
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		p.typed += msg.String()
	case pane.CancelMsg:
		p.cancelled++
		p.busy = false
	case pane.ConfirmedMsg:
		p.confirmed = append(p.confirmed, msg.Action)
	}
	return p, nil
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if isQuit(c) {
				return true
			}
		}
		return false
	}
	_, ok := msg.(tea.QuitMsg)
	return ok
}

func newTestModel(t *testing.T, panes ...pane.Pane) *Model {
	m := New(Deps{DB: openDB(t, true), NoColor: true, Keys: DefaultKeyMap(), Panes: panes})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m
}

func TestOverviewPaneLoads(t *testing.T) {
	d := openDB(t, false)
	m := New(Deps{DB: d, NoColor: true, Keys: DefaultKeyMap()})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	drain(t, m, m.Init())
	out := ansi.Strip(m.render())
	for _, want := range []string{"1 Overview", "Cache hit ratio", "Connections", "PostgreSQL " + d.Info.Version, "[read-only]", "postgres@socket"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(m.render(), "\x1b[38;") {
		t.Error("NO_COLOR screen has colour escapes")
	}
}

func TestTinyTerminal(t *testing.T) {
	m := newTestModel(t, &inputPane{id: "a"})
	m.Update(tea.WindowSizeMsg{Width: 20, Height: 5})
	out := m.render()
	lines := strings.Split(out, "\n")
	if len(lines) > 5 || !strings.Contains(strings.Join(lines, " "), "too small") {
		t.Fatalf("tiny terminal screen:\n%s", out)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 20 {
			t.Errorf("line wider than 20: %q", l)
		}
	}
	// Growing again draws the console.
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	if !strings.Contains(m.render(), "typed:") {
		t.Error("console not drawn after growing")
	}
	m.Update(tea.WindowSizeMsg{Width: 0, Height: 0})
	_ = m.render() // must not panic
}

func TestGlobalKeysDoNotStealInput(t *testing.T) {
	a := &inputPane{id: "a", capturing: true}
	b := &inputPane{id: "b"}
	m := newTestModel(t, a, b)
	// Digits, q, ? and Tab are text while the input has focus.
	if cmd := press(m, "2", "q", "?", "tab"); isQuit(cmd) {
		t.Fatal("q quit while typing")
	}
	if a.typed != "2q?tab" || m.active != 0 || m.showHelp {
		t.Fatalf("typed=%q active=%d help=%v", a.typed, m.active, m.showHelp)
	}
	// Alt+2 switches from anywhere.
	press(m, "alt+2")
	if m.active != 1 {
		t.Fatalf("alt+2: active=%d", m.active)
	}
	// On a pane without input, plain digits and tab switch, ? opens help.
	press(m, "1")
	if m.active != 0 {
		t.Fatalf("1: active=%d", m.active)
	}
	a.capturing = false
	press(m, "tab")
	if m.active != 1 {
		t.Fatalf("tab: active=%d", m.active)
	}
	press(m, "?")
	if !m.showHelp || !strings.Contains(ansi.Strip(m.render()), "Global keys") {
		t.Fatal("help overlay not shown")
	}
	press(m, "esc")
	if m.showHelp {
		t.Fatal("esc did not close help")
	}
	if !isQuit(press(m, "q")) {
		t.Fatal("q did not quit on a pane without input")
	}
}

func TestCtrlCCancelsBeforeQuitting(t *testing.T) {
	a := &inputPane{id: "a", capturing: true, busy: true}
	m := newTestModel(t, a)
	if isQuit(press(m, "ctrl+c")) || a.cancelled != 1 {
		t.Fatalf("ctrl+c with running work: cancelled=%d", a.cancelled)
	}
	if !isQuit(press(m, "ctrl+c")) {
		t.Fatal("ctrl+c with nothing running did not quit")
	}
}

func TestQuitAsksWhenTransactionOpen(t *testing.T) {
	a := &inputPane{id: "a"}
	m := newTestModel(t, a)
	ctx := context.Background()
	if err := m.db.Session.Do(ctx, func(c *pgx.Conn) error { _, err := c.Exec(ctx, "begin"); return err }); err != nil {
		t.Fatal(err)
	}
	if isQuit(press(m, "q")) || m.confirm == nil {
		t.Fatal("quit with an open transaction did not ask")
	}
	out := ansi.Strip(m.render())
	if !strings.Contains(out, "Quit and roll") || !strings.Contains(out, "[in transaction]") {
		t.Fatalf("screen:\n%s", out)
	}
	if isQuit(press(m, "enter")) || m.confirm != nil {
		t.Fatal("enter on a dangerous question must mean no")
	}
	press(m, "ctrl+q")
	if !isQuit(press(m, "y")) {
		t.Fatal("y did not quit")
	}
}

func TestConfirmRoutesActionToPane(t *testing.T) {
	a := &inputPane{id: "a"}
	m := newTestModel(t, a)
	m.Update(pane.ConfirmMsg{From: "a", Question: "Reset statistics?", Action: "reset"})
	if !strings.Contains(ansi.Strip(m.render()), "Reset statistics?") {
		t.Fatal("question not shown")
	}
	press(m, "y")
	if len(a.confirmed) != 1 || a.confirmed[0] != "reset" {
		t.Fatalf("confirmed: %v", a.confirmed)
	}
}

func TestEnvelopeReachesUnfocusedPane(t *testing.T) {
	a, b := &inputPane{id: "a"}, &inputPane{id: "b"}
	m := newTestModel(t, a, b)
	m.Update(pane.Envelope{To: "b", Msg: tea.KeyPressMsg{Code: 'x', Text: "x"}})
	if b.typed != "x" || a.typed != "" {
		t.Fatalf("a=%q b=%q", a.typed, b.typed)
	}
	m.Update(pane.StatusMsg{Err: context.DeadlineExceeded})
	if !strings.Contains(ansi.Strip(m.render()), "error: context deadline exceeded") {
		t.Fatal("error not in the status bar")
	}
	m.Update(pane.OpenPlanMsg{Source: "Seq Scan"})
	if !strings.Contains(ansi.Strip(m.render()), "no plan pane") {
		t.Fatal("routing to a missing pane not explained")
	}
}

func TestStylesFollowBackground(t *testing.T) {
	m := New(Deps{Keys: DefaultKeyMap(), Panes: []pane.Pane{&inputPane{id: "a"}}})
	light := theme.NewStyles(false, false)
	m.Update(tea.BackgroundColorMsg{Color: lightColor{}})
	if m.styles.Dark || m.styles.Palette.Accent != light.Palette.Accent {
		t.Fatal("styles not rebuilt for a light background")
	}
}

func TestConfiguredThemeWins(t *testing.T) {
	m := New(Deps{Keys: DefaultKeyMap(), Dark: true, ThemeForced: true, Panes: []pane.Pane{&inputPane{id: "a"}}})
	m.Update(tea.BackgroundColorMsg{Color: lightColor{}})
	if !m.styles.Dark {
		t.Fatal("a theme from the config file was replaced by the terminal's background")
	}
}

type lightColor struct{}

func (lightColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

var _ = key.NewBinding

func TestStatusMessageExpires(t *testing.T) {
	m := newTestModel(t, &inputPane{id: "a"})
	_, cmd := m.Update(pane.StatusMsg{Text: "completion: 3 relations"})
	if !strings.Contains(ansi.Strip(m.render()), "completion: 3 relations") || cmd == nil {
		t.Fatal("message not shown or no expiry scheduled")
	}
	m.Update(pane.StatusMsg{Text: "newer"})
	m.Update(clearMessageMsg{seq: 1}) // the first message's timer: stale
	if !strings.Contains(ansi.Strip(m.render()), "newer") {
		t.Fatal("a stale timer cleared a newer message")
	}
	m.Update(clearMessageMsg{seq: 2})
	if strings.Contains(ansi.Strip(m.render()), "newer") || !strings.Contains(ansi.Strip(m.render()), "? help") {
		t.Fatal("message did not give way to the key hints")
	}
}

func TestMouseWheelAndClicks(t *testing.T) {
	a, b := &inputPane{id: "a"}, &inputPane{id: "b"}
	m := newTestModel(t, a, b)
	m.Update(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if a.typed != "downdowndown" {
		t.Fatalf("wheel down over the body: pane got %q", a.typed)
	}
	m.Update(tea.MouseWheelMsg{X: 5, Y: 0, Button: tea.MouseWheelDown})
	if m.active != 1 {
		t.Fatalf("wheel over the tabs did not switch panes: active=%d", m.active)
	}
	// A click on the first tab's label goes back to it.
	m.Update(tea.MouseClickMsg{X: 1, Y: 0, Button: tea.MouseLeft})
	if m.active != 0 {
		t.Fatalf("click on the first tab: active=%d", m.active)
	}
}
