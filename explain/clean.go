package explain

import (
	"strings"
)

// cleanInput undoes what copying a plan out of psql or a server log does
// to it, and returns the lines of the plan proper plus any query text
// found in front of it (auto_explain's "Query Text:").
//
// It removes: a byte-order mark and CR line ends; surrounding quotes (CSV
// cells, string literals); the auto_explain log prefix ("duration: … ms
// plan:") and the tab each continuation line of a log message carries;
// psql's "QUERY PLAN" header, its "-----" rule and "(N rows)" footer;
// aligned-output borders ("| … |", "+---+"); the "+" that marks a
// continued line in a multi-line cell; and the indentation every line
// shares.
func cleanInput(src string) []string {
	src = strings.TrimPrefix(src, "\ufeff")
	if strings.Contains(src, "\r") {
		src = strings.ReplaceAll(src, "\r\n", "\n")
		src = strings.ReplaceAll(src, "\r", "\n")
	}
	src = strings.TrimSpace(src)
	lines := strings.Split(src, "\n")
	lines = fromLog(lines)
	lines = dropPsqlFrame(lines)
	if len(lines) > 0 {
		if t := strings.TrimSpace(lines[0]); strings.HasPrefix(t, `"`) || strings.HasPrefix(t, "'") {
			lines = strings.Split(unquote(strings.TrimSpace(strings.Join(lines, "\n"))), "\n")
		}
	}
	lines = stripBorders(lines)
	lines = stripPlusMarks(lines)
	return dedent(lines)
}

// unquote removes one pair of surrounding quotes, undoubling the quote
// character inside, when the whole input is quoted.
func unquote(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	if (q != '"' && q != '\'') || s[len(s)-1] != q {
		return s
	}
	inner := s[1 : len(s)-1]
	// A JSON document starting and ending with a quote is not quoted as a
	// whole unless the quote character inside is always doubled.
	doubled := string([]byte{q, q})
	if strings.Count(inner, string(q)) != 2*strings.Count(inner, doubled) {
		return s
	}
	return strings.ReplaceAll(inner, doubled, string(q))
}

// fromLog cuts an auto_explain log entry down to its plan: everything
// after "plan:" on the first entry, with the tab of continuation lines
// removed, ending at the next line that is not a continuation.
func fromLog(lines []string) []string {
	start := -1
	for i, l := range lines {
		if j := strings.Index(l, "duration: "); j >= 0 {
			if k := strings.Index(l[j:], " plan:"); k >= 0 {
				start = i
				rest := strings.TrimSpace(l[j+k+len(" plan:"):])
				lines[i] = rest
				break
			}
		}
	}
	if start < 0 {
		return lines
	}
	out := make([]string, 0, len(lines)-start)
	if lines[start] != "" {
		out = append(out, lines[start])
	}
	tabbed := start+1 < len(lines) && strings.HasPrefix(lines[start+1], "\t")
	for _, l := range lines[start+1:] {
		if tabbed {
			if !strings.HasPrefix(l, "\t") {
				break
			}
			l = l[1:]
		}
		out = append(out, l)
	}
	return out
}

// dropPsqlFrame removes psql's header, rule and row-count footer.
func dropPsqlFrame(lines []string) []string {
	out := lines[:0] // in place: the input lines are ours
	for i, l := range lines {
		t := strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "|│"))
		switch {
		case t == "QUERY PLAN" && i < 3:
			continue
		case isRule(t):
			continue
		case isRowCount(t):
			continue
		}
		out = append(out, l)
	}
	return out
}

func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	for _, r := range t {
		if r != '-' && r != '+' && r != '=' && r != '─' && r != '┼' && r != '┌' && r != '┐' && r != '└' && r != '┘' && r != '├' && r != '┤' && r != '┬' && r != '┴' {
			return false
		}
	}
	return true
}

func isRowCount(t string) bool {
	if !strings.HasPrefix(t, "(") || !(strings.HasSuffix(t, " rows)") || strings.HasSuffix(t, " row)")) {
		return false
	}
	n := strings.TrimSuffix(strings.TrimSuffix(t[1:], " rows)"), " row)")
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
	}
	return n != ""
}

// stripBorders removes "| " and " |" (or │) when every non-blank line has
// them, as psql's \pset border 2 prints.
func stripBorders(lines []string) []string {
	for _, bar := range []string{"|", "│"} {
		all, any := true, false
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if t == "" {
				continue
			}
			any = true
			if !strings.HasPrefix(t, bar) || !strings.HasSuffix(t, bar) || len(t) < 2*len(bar) {
				all = false
				break
			}
		}
		if !all || !any {
			continue
		}
		out := make([]string, 0, len(lines))
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if t == "" {
				continue
			}
			t = strings.TrimSuffix(strings.TrimPrefix(t, bar), bar)
			// psql pads one space after the left border.
			t = strings.TrimPrefix(t, " ")
			out = append(out, strings.TrimRight(t, " "))
		}
		return out
	}
	return lines
}

// stripPlusMarks removes the "+" psql prints at the end of every line of a
// multi-line cell but the last, when every such line has one.
func stripPlusMarks(lines []string) []string {
	last := len(lines) - 1
	for last >= 0 && strings.TrimSpace(lines[last]) == "" {
		last--
	}
	if last < 1 {
		return lines
	}
	for _, l := range lines[:last] {
		if !strings.HasSuffix(strings.TrimRight(l, " "), "+") {
			return lines
		}
	}
	out := make([]string, 0, last+1)
	for _, l := range lines[:last] {
		l = strings.TrimRight(l, " ")
		out = append(out, strings.TrimRight(l[:len(l)-1], " "))
	}
	return append(out, strings.TrimRight(lines[last], " "))
}

// dedent removes blank lines at both ends and the indentation that all
// non-blank lines share (psql puts one space in front of each).
func dedent(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	min := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if min < 0 || ind < min {
			min = ind
		}
	}
	if min <= 0 {
		return lines
	}
	for i, l := range lines {
		if len(l) >= min {
			lines[i] = l[min:]
		} else {
			lines[i] = ""
		}
	}
	return lines
}
