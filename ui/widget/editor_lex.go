package widget

// lexState is where a line starts in SQL's lexical structure: inside a
// construct that can span lines (block comment, dollar quote, string,
// quoted identifier) or not. The editor keeps one per line so a comment
// or function body opened on one line is coloured on the next ones, while
// each line's own tokens are still lexed (and cached) alone.
type lexState struct {
	kind  byte   // 0, 'c' comment, 'd' dollar quote, 's' string, 'e' E'' string, 'i' quoted identifier
	depth int    // comment nesting
	tag   string // dollar quote tag, with its $ signs
}

// lineLex is what scanning one line found: the state at its end, where a
// construct carried in from the previous line closes (closeAt, -1 when it
// spans the whole line), and where one that runs past the end opened
// (openAt, -1 when none does). Offsets are in bytes.
type lineLex struct {
	end             lexState
	closeAt, openAt int
}

// scanLine follows line from state st.
func scanLine(st lexState, line string) lineLex {
	out := lineLex{closeAt: -1, openAt: -1}
	if st.kind == 0 {
		out.closeAt = 0
	}
	i, start := 0, 0
	for i < len(line) {
		if st.kind == 0 {
			start = i
			st, i = open(line, i)
			continue
		}
		var done bool
		st, i, done = inside(st, line, i)
		if done && out.closeAt < 0 {
			out.closeAt = i
		}
	}
	if st.kind != 0 && out.closeAt >= 0 {
		out.openAt = start
	}
	out.end = st
	return out
}

// open reads normal text at i: it returns the state a construct opening
// there starts, and where scanning goes on.
func open(line string, i int) (lexState, int) {
	c := line[i]
	switch {
	case c == '-' && i+1 < len(line) && line[i+1] == '-':
		return lexState{}, len(line)
	case c == '/' && i+1 < len(line) && line[i+1] == '*':
		return lexState{kind: 'c', depth: 1}, i + 2
	case c == '\'':
		if i > 0 && (line[i-1] == 'e' || line[i-1] == 'E') && (i < 2 || !identByte(line[i-2])) {
			return lexState{kind: 'e'}, i + 1
		}
		return lexState{kind: 's'}, i + 1
	case c == '"':
		return lexState{kind: 'i'}, i + 1
	case c == '$' && (i == 0 || !identByte(line[i-1])):
		j := i + 1
		for j < len(line) && identByte(line[j]) && line[j] != '$' && !(j == i+1 && line[j] >= '0' && line[j] <= '9') {
			j++
		}
		if j < len(line) && line[j] == '$' {
			return lexState{kind: 'd', tag: line[i : j+1]}, j + 1
		}
	}
	return lexState{}, i + 1
}

// inside reads a construct's text at i and reports whether it closed.
func inside(st lexState, line string, i int) (lexState, int, bool) {
	switch st.kind {
	case 'c':
		for ; i+1 < len(line); i++ {
			switch {
			case line[i] == '*' && line[i+1] == '/':
				st.depth--
				if st.depth == 0 {
					return lexState{}, i + 2, true
				}
				i++
			case line[i] == '/' && line[i+1] == '*':
				st.depth++
				i++
			}
		}
		return st, len(line), false
	case 'd':
		for j := i; j+len(st.tag) <= len(line); j++ {
			if line[j] == '$' && line[j:j+len(st.tag)] == st.tag {
				return lexState{}, j + len(st.tag), true
			}
		}
		return st, len(line), false
	default:
		q := byte('\'')
		if st.kind == 'i' {
			q = '"'
		}
		for ; i < len(line); i++ {
			switch {
			case st.kind == 'e' && line[i] == '\\':
				i++
			case line[i] == q && i+1 < len(line) && line[i+1] == q:
				i++
			case line[i] == q:
				return lexState{}, i + 1, true
			}
		}
		return st, len(line), false
	}
}

func identByte(b byte) bool {
	return b == '_' || b == '$' || b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// entryState returns the state line i starts in, scanning forward from
// the last line whose state is still known. Edits forget the states of
// the lines after the one they touch (invalidate).
func (e *Editor) entryState(i int) lexState {
	if len(e.states) > len(e.lines) {
		e.states = e.states[:len(e.lines)]
	}
	e.valid = min(e.valid, len(e.states))
	for e.valid <= i {
		var st lexState
		if e.valid > 0 {
			st = scanLine(e.states[e.valid-1], e.lines[e.valid-1]).end
		}
		if e.valid < len(e.states) {
			e.states[e.valid] = st
		} else {
			e.states = append(e.states, st)
		}
		e.valid++
	}
	return e.states[i]
}

// invalidate forgets the entry states of the lines after row.
func (e *Editor) invalidate(row int) { e.valid = min(e.valid, max(row, 0)+1) }
