// Package widget holds dumb renderers shared by panes: pure functions of
// their input, no I/O and no state.
package widget
