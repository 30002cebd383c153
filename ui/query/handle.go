package query

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// current returns the statement under the cursor, or the meta-command on
// the cursor's line.
func (m *Model) current() (db.Statement, bool) {
	text := m.editor.Value()
	row, _ := m.editor.Cursor()
	lines := strings.Split(text, "\n")
	if l := strings.TrimSpace(lines[row]); strings.HasPrefix(l, `\`) {
		off := 0
		for i := 0; i < row; i++ {
			off += len(lines[i]) + 1
		}
		return db.Statement{SQL: l, Start: off, End: off + len(lines[row])}, true
	}
	stmts, _ := db.SplitScript(text)
	return db.StatementAt(stmts, m.editor.Offset())
}

func (m *Model) runCurrent() tea.Cmd {
	s, ok := m.current()
	if !ok {
		return nil
	}
	return m.run([]db.Statement{s})
}

func (m *Model) runAll() tea.Cmd {
	stmts, err := db.SplitScript(m.editor.Value())
	if len(stmts) == 0 {
		if err != nil {
			m.messages = []string{err.Error()}
		}
		return nil
	}
	return m.run(stmts)
}

// run starts statements on the session; meta-commands are answered here
// or turned into catalog queries.
func (m *Model) run(stmts []db.Statement) tea.Cmd {
	if m.busy {
		return func() tea.Msg { return pane.StatusMsg{Text: "a statement is still running (ctrl+c cancels it)"} }
	}
	m.messages, m.errAt, m.sets, m.cur, m.inspect = nil, -1, nil, 0, false
	var jobs []job
	var saves []string
	for _, s := range stmts {
		saves = append(saves, s.SQL)
		if strings.HasPrefix(s.SQL, `\`) {
			sql, ok := db.MetaSQL(s.SQL)
			if !ok {
				// Answered here, but in its turn among the statements.
				jobs = append(jobs, job{local: s.SQL})
				continue
			}
			s.SQL, s.Start = sql, -1
		}
		jobs = append(jobs, job{stmt: s})
	}
	m.history = append(m.history, saves...)
	m.histIdx = len(m.history)
	cmds := []tea.Cmd{m.saveHistory(saves)}
	if len(jobs) > 0 {
		cmds = append(cmds, m.startJobs(jobs))
	}
	return tea.Batch(cmds...)
}

func (m *Model) startJobs(jobs []job) tea.Cmd {
	m.seq++
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.busy, m.started = cancel, true, time.Now()
	cmd, ch := start(ctx, m.runner, jobs, m.seq)
	m.ch = ch
	return cmd
}

func (m *Model) saveHistory(lines []string) tea.Cmd {
	dir := m.state
	if dir == "" {
		return nil
	}
	return func() tea.Msg {
		for _, l := range lines {
			if err := saveHistory(dir, l); err != nil {
				return pane.StatusMsg{Err: err}
			}
		}
		return nil
	}
}

// localMeta answers the meta-commands that need no query.
func (m *Model) localMeta(cmd string) {
	f := strings.Fields(cmd)
	switch f[0] {
	case `\x`:
		m.record = !m.record
		if len(f) > 1 {
			m.record = f[1] == "on" || f[1] == "true" || f[1] == "1"
		}
		m.messages = append(m.messages, fmt.Sprintf("Expanded display is %s.", onOff(m.record)))
	case `\timing`:
		m.timing = !m.timing
		if len(f) > 1 {
			m.timing = f[1] == "on" || f[1] == "true" || f[1] == "1"
		}
		m.messages = append(m.messages, fmt.Sprintf("Timing is %s.", onOff(m.timing)))
	case `\conninfo`:
		i := m.d.Info
		where := fmt.Sprintf("on host %q at port %d", i.Host, i.Port)
		if strings.HasPrefix(i.Host, "/") {
			where = fmt.Sprintf("via socket in %q at port %d", i.Host, i.Port)
		}
		m.messages = append(m.messages, safetext.Display(fmt.Sprintf("You are connected to database %q as user %q %s (PostgreSQL %s).",
			i.Database, i.User, where, i.Version)))
	case `\?`:
		m.messages = append(m.messages, `\d [NAME|PATTERN]  describe a relation, or list relations`,
			`\dt \di \dn \df [PATTERN]  tables, indexes, schemas, functions (PATTERN: schema.name, * and ?)`,
			`\x  toggle record view   \timing [on|off]  time statements   \conninfo  connection`)
	default:
		m.messages = append(m.messages, "invalid command "+safetext.Display(f[0])+` (try \?)`)
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// handleRun applies one message of the running statements.
func (m *Model) handleRun(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case setMsg:
		if msg.more && len(m.sets) > 0 {
			break
		}
		cols := make([]widget.GridColumn, len(msg.cols))
		for i, c := range msg.cols {
			cols[i] = widget.GridColumn{Name: c.Name, Type: c.Type, Right: c.Numeric()}
		}
		m.sets = append(m.sets, &resultSet{sql: msg.sql, cols: msg.cols, grid: widget.NewGrid(cols)})
		m.cur = len(m.sets) - 1
	case rowsMsg:
		if len(m.sets) > 0 {
			m.sets[len(m.sets)-1].grid.Append(msg.rows)
		}
	case localMetaMsg:
		m.localMeta(msg.cmd)
	case stmtDoneMsg:
		return tea.Batch(m.stmtDone(msg), m.waitNext())
	case runDoneMsg:
		m.busy, m.cancel = false, nil
		m.tx = m.d.Session.TxStatus()
		if msg.err != nil {
			return m.runFailed(msg)
		}
		return nil
	}
	return m.waitNext()
}

// waitNext reads the run's next message.
func (m *Model) waitNext() tea.Cmd { return wait(m.ch, m.seq) }

func (m *Model) stmtDone(msg stmtDoneMsg) tea.Cmd {
	res := msg.res
	m.tx = res.TxStatus
	for _, n := range res.Notices {
		m.messages = append(m.messages, safetext.Display(n.Severity+":  "+n.Message))
	}
	if res.HasRows && len(m.sets) > 0 {
		last := m.sets[len(m.sets)-1]
		last.res = &res
	} else if res.Tag != "" {
		m.messages = append(m.messages, res.Tag)
	}
	if m.timing {
		m.messages = append(m.messages, fmt.Sprintf("Time: %.3f ms", float64(res.Duration.Microseconds())/1000))
	}
	if res.Pending {
		q := fmt.Sprintf("%s affected %d rows. Commit?", firstWords(res.SQL), res.RowsAffected)
		if res.Danger != "" {
			q = "Careful: " + res.Danger + ". " + q
		}
		a := commitAction{sql: res.SQL, rows: res.RowsAffected}
		m.messages = append(m.messages, "uncommitted: answer the question, or run COMMIT / ROLLBACK yourself")
		return func() tea.Msg {
			return pane.ConfirmMsg{From: pane.Query, Question: q, Danger: true, Action: a}
		}
	}
	return nil
}

func firstWords(sql string) string {
	f := strings.Fields(sql)
	if len(f) > 4 {
		f = f[:4]
	}
	return safetext.Display(strings.Join(f, " "))
}

func (m *Model) runFailed(msg runDoneMsg) tea.Cmd {
	var qe *db.QueryError
	if errors.As(msg.err, &qe) {
		for _, l := range strings.Split(qe.Error(), "\n") {
			m.messages = append(m.messages, safetext.Display(l))
		}
		if off := qe.ByteOffset(); off >= 0 && msg.stmt.Start >= 0 {
			m.errAt = msg.stmt.Start + off
			m.editor.SetOffset(m.errAt)
		}
		return nil
	}
	m.messages = append(m.messages, safetext.Display(msg.err.Error()))
	return func() tea.Msg { return pane.StatusMsg{Err: msg.err} }
}

func (m *Model) browseHistory(back bool) {
	if len(m.history) == 0 {
		return
	}
	if back {
		m.histIdx = max(m.histIdx-1, 0)
	} else {
		m.histIdx = min(m.histIdx+1, len(m.history))
	}
	if m.histIdx == len(m.history) {
		m.editor.SetValue("")
		return
	}
	m.editor.SetValue(m.history[m.histIdx])
}

func (m *Model) fetchMore() tea.Cmd {
	if m.busy || len(m.sets) == 0 {
		return nil
	}
	last := m.sets[len(m.sets)-1]
	if last.res == nil || !last.res.More || !last.res.Cursor {
		return func() tea.Msg { return pane.StatusMsg{Text: "no more rows are waiting"} }
	}
	m.cur = len(m.sets) - 1
	return m.startJobs([]job{{stmt: db.Statement{SQL: last.sql, Start: -1}, more: true}})
}
