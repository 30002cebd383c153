package db

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// tableSample is how many rows the table writer holds to size its
// columns before it starts streaming; later, wider values overflow.
const tableSample = 1000

// tableWriter prints psql's aligned format: a header, a rule, rows with
// numbers aligned right, and a row-count footer. Control characters are
// escaped, since this format is meant for a terminal.
type tableWriter struct {
	w       *bufio.Writer
	cols    []Column
	widths  []int
	pending [][]string
	sized   bool
	rows    int64
}

func (t *tableWriter) Columns(cols []Column) error {
	t.cols, t.pending, t.sized, t.rows = cols, nil, false, 0
	t.widths = make([]int, len(cols))
	for i, c := range cols {
		t.widths[i] = ansi.StringWidth(safetext.Display(c.Name))
	}
	return nil
}

func (t *tableWriter) Row(vals [][]byte) error {
	t.rows++
	row := make([]string, len(vals))
	for i, v := range vals {
		row[i] = safetext.Display(string(v))
	}
	if t.sized {
		t.line(row)
		return nil
	}
	for i, s := range row {
		t.widths[i] = max(t.widths[i], ansi.StringWidth(s))
	}
	t.pending = append(t.pending, row)
	if len(t.pending) >= tableSample {
		t.flushPending()
	}
	return nil
}

func (t *tableWriter) flushPending() {
	t.sized = true
	head := make([]string, len(t.cols))
	rule := make([]string, len(t.cols))
	for i, c := range t.cols {
		name := safetext.Display(c.Name)
		pad := t.widths[i] - ansi.StringWidth(name)
		head[i] = " " + strings.Repeat(" ", pad/2) + name + strings.Repeat(" ", pad-pad/2) + " "
		rule[i] = strings.Repeat("-", t.widths[i]+2)
	}
	t.w.WriteString(strings.TrimRight(strings.Join(head, "|"), " ") + "\n")
	t.w.WriteString(strings.Join(rule, "+") + "\n")
	for _, r := range t.pending {
		t.line(r)
	}
	t.pending = nil
}

func (t *tableWriter) line(row []string) {
	var b strings.Builder
	for i, s := range row {
		if i > 0 {
			b.WriteString("|")
		}
		pad := strings.Repeat(" ", max(t.widths[i]-ansi.StringWidth(s), 0))
		if t.cols[i].Numeric() {
			b.WriteString(" " + pad + s + " ")
		} else {
			b.WriteString(" " + s + pad + " ")
		}
	}
	t.w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
}

func (t *tableWriter) End(res Result) error {
	if !res.HasRows {
		if res.Tag != "" {
			t.w.WriteString(res.Tag + "\n")
		}
		return nil
	}
	if !t.sized {
		t.flushPending()
	}
	if t.rows == 1 {
		t.w.WriteString("(1 row)\n\n")
	} else {
		fmt.Fprintf(t.w, "(%d rows)\n\n", t.rows)
	}
	return nil
}

func (t *tableWriter) Flush() error { return t.w.Flush() }
