package ui

// Minimum terminal size the console draws in; below it, it says so.
const (
	MinWidth  = 40
	MinHeight = 8
)

// Rect is an area of the screen.
type Rect struct{ X, Y, W, H int }

// Layout is where each part of the console goes.
type Layout struct {
	Tabs, Body, Message, Status Rect
	TooSmall                    bool
}

// ComputeLayout splits a w×h terminal: one line of tabs on top, the
// focused pane, a message line and a status line at the bottom.
func ComputeLayout(w, h int) Layout {
	if w < MinWidth || h < MinHeight {
		return Layout{TooSmall: true}
	}
	return Layout{
		Tabs:    Rect{0, 0, w, 1},
		Body:    Rect{0, 1, w, h - 3},
		Message: Rect{0, h - 2, w, 1},
		Status:  Rect{0, h - 1, w, 1},
	}
}
