package query

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/widget"
)

// Messages of a run, delivered in order through a channel and each
// wrapped in an Envelope.
type (
	// setMsg starts a result set (more: continues the last one).
	setMsg struct {
		cols []db.Column
		sql  string
		more bool
	}
	// rowsMsg is a batch of rows for the current result set.
	rowsMsg struct{ rows []widget.Row }
	// stmtDoneMsg ends one statement.
	stmtDoneMsg struct {
		res  db.Result
		stmt db.Statement
	}
	// localMetaMsg is a meta-command the pane answers itself, in its
	// turn among the run's statements.
	localMetaMsg struct{ cmd string }
	// runDoneMsg ends the run; err is the first failure.
	runDoneMsg struct {
		err  error
		stmt db.Statement
	}
)

// batchRows and batchEvery bound how long rows wait before they are
// shown: the first rows appear as soon as the first FETCH returns.
const (
	batchRows  = 1000
	batchEvery = 50 * time.Millisecond
)

// uiSink batches rows into messages for the pane.
type uiSink struct {
	ch    chan<- tea.Msg
	batch []widget.Row
	last  time.Time
	sql   string
	more  bool
}

func (s *uiSink) Columns(cols []db.Column) error {
	s.flush()
	s.ch <- setMsg{cols: cols, sql: s.sql, more: s.more}
	s.last = time.Now()
	return nil
}

func (s *uiSink) Row(vals [][]byte) error {
	s.batch = append(s.batch, widget.NewRow(vals))
	if len(s.batch) >= batchRows || time.Since(s.last) >= batchEvery {
		s.flush()
	}
	return nil
}

func (s *uiSink) flush() {
	if len(s.batch) > 0 {
		s.ch <- rowsMsg{rows: s.batch}
		s.batch = nil
		s.last = time.Now()
	}
}

// job is one piece of work a run does on the session.
type job struct {
	stmt  db.Statement
	more  bool   // FetchMore instead of Run
	local string // a meta-command for the pane (\x, \timing …)
}

// start runs jobs on a goroutine and returns the command that waits for
// its first message. It captures the runner, the jobs and a channel —
// never the model.
func start(ctx context.Context, r *db.Runner, jobs []job, seq uint64) (tea.Cmd, <-chan tea.Msg) {
	ch := make(chan tea.Msg, 8)
	go func() {
		defer close(ch)
		for _, j := range jobs {
			if j.local != "" {
				ch <- localMetaMsg{cmd: j.local}
				continue
			}
			sink := &uiSink{ch: ch, sql: j.stmt.SQL, more: j.more, last: time.Now()}
			var res db.Result
			var err error
			if j.more {
				res, err = r.FetchMore(ctx, sink)
			} else {
				res, err = r.Run(ctx, j.stmt.SQL, sink)
			}
			sink.flush()
			ch <- stmtDoneMsg{res: res, stmt: j.stmt}
			if err != nil {
				ch <- runDoneMsg{err: err, stmt: j.stmt}
				return
			}
		}
		ch <- runDoneMsg{}
	}()
	return wait(ch, seq), ch
}

// wait delivers the next message of a run.
func wait(ch <-chan tea.Msg, seq uint64) tea.Cmd {
	return pane.Run(pane.Query, seq, func() tea.Msg {
		m, ok := <-ch
		if !ok {
			return runDoneMsg{}
		}
		return m
	})
}
