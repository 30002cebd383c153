// Package theme holds the console's colours and base styles. Styles are
// values built by NewStyles and passed down; the root rebuilds them when
// the terminal reports its background colour.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the set of colours panes build their own styles from. With
// NO_COLOR every colour is nil (lipgloss.NoColor) and panes must still
// convey meaning with characters (markers, brackets), not colour alone.
type Palette struct {
	Fg, Muted, Subtle   color.Color
	Accent, AccentFg    color.Color
	OK, Warn, Err, Info color.Color
	// SeqScan marks sequential scans in plans: distinct from every other
	// colour on both light and dark backgrounds.
	SeqScan    color.Color
	SelectedBg color.Color
	Border     color.Color
}

// Styles are the shared base styles.
type Styles struct {
	Palette  Palette
	NoColor  bool
	Dark     bool
	Title    lipgloss.Style
	Muted    lipgloss.Style
	Bold     lipgloss.Style
	Selected lipgloss.Style
	Error    lipgloss.Style
	Warning  lipgloss.Style
	OK       lipgloss.Style
	Info     lipgloss.Style
	SeqScan  lipgloss.Style
	Key      lipgloss.Style
	Border   lipgloss.Style

	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	StatusBar   lipgloss.Style
	BadgeRO     lipgloss.Style
	BadgeRW     lipgloss.Style
	Dialog      lipgloss.Style
}

// NewStyles builds the styles for a dark or light background; noColor
// (NO_COLOR set) keeps bold/reverse but drops every colour.
func NewStyles(dark, noColor bool) *Styles {
	ld := lipgloss.LightDark(dark)
	p := Palette{
		Fg:         ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6edf3")),
		Muted:      ld(lipgloss.Color("#59636e"), lipgloss.Color("#9198a1")),
		Subtle:     ld(lipgloss.Color("#d1d9e0"), lipgloss.Color("#3d444d")),
		Accent:     ld(lipgloss.Color("#0969da"), lipgloss.Color("#4493f8")),
		AccentFg:   ld(lipgloss.Color("#ffffff"), lipgloss.Color("#0d1117")),
		OK:         ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#3fb950")),
		Warn:       ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922")),
		Err:        ld(lipgloss.Color("#cf222e"), lipgloss.Color("#f85149")),
		Info:       ld(lipgloss.Color("#8250df"), lipgloss.Color("#ab7df8")),
		SeqScan:    ld(lipgloss.Color("#bc4c00"), lipgloss.Color("#ff9b4f")),
		SelectedBg: ld(lipgloss.Color("#ddf4ff"), lipgloss.Color("#1f3a5f")),
		Border:     ld(lipgloss.Color("#d1d9e0"), lipgloss.Color("#3d444d")),
	}
	if noColor {
		p = Palette{}
		for _, c := range []*color.Color{&p.Fg, &p.Muted, &p.Subtle, &p.Accent, &p.AccentFg, &p.OK, &p.Warn, &p.Err, &p.Info, &p.SeqScan, &p.SelectedBg, &p.Border} {
			*c = lipgloss.NoColor{}
		}
	}
	s := &Styles{Palette: p, NoColor: noColor, Dark: dark}
	base := lipgloss.NewStyle()
	s.Title = base.Bold(true).Foreground(p.Accent)
	s.Muted = base.Foreground(p.Muted)
	s.Bold = base.Bold(true)
	s.Selected = base.Background(p.SelectedBg).Bold(true)
	if noColor {
		s.Selected = base.Reverse(true)
	}
	s.Error = base.Foreground(p.Err).Bold(true)
	s.Warning = base.Foreground(p.Warn)
	s.OK = base.Foreground(p.OK)
	s.Info = base.Foreground(p.Info)
	s.SeqScan = base.Foreground(p.SeqScan).Bold(true)
	s.Key = base.Foreground(p.Accent).Bold(true)
	s.Border = base.Foreground(p.Border)
	s.TabActive = base.Bold(true).Foreground(p.AccentFg).Background(p.Accent).Padding(0, 1)
	s.TabInactive = base.Foreground(p.Muted).Padding(0, 1)
	if noColor {
		s.TabActive = base.Reverse(true).Bold(true).Padding(0, 1)
	}
	s.StatusBar = base.Foreground(p.Muted)
	s.BadgeRO = base.Bold(true).Foreground(p.OK)
	s.BadgeRW = base.Bold(true).Foreground(p.Err)
	s.Dialog = base.Border(lipgloss.RoundedBorder()).BorderForeground(p.Accent).Padding(0, 1)
	return s
}
