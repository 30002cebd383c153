package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// cursorName is the portal pgdeck reads query results through.
const cursorName = "pgdeck_cursor"

const cursorPrefix = "DECLARE " + cursorName + " NO SCROLL CURSOR FOR "

// Runner runs the user's statements on the dedicated session, one at a
// time, and remembers a cursor left open by a capped result so FetchMore
// can continue it. Its state is only touched inside Session.Do, under the
// session's lock, so a Runner may be shared with the goroutines of
// commands.
type Runner struct {
	s    *Session
	opts RunOptions

	conn      *pgconn.PgConn // the connection the cursor lives on
	cursor    bool           // a capped cursor is open
	ownTx     bool           // pgdeck began the transaction holding the cursor
	curCols   []Column
	curSQL    string
	pendingTx bool // a held write waits for Commit/Rollback
}

// NewRunner returns a runner on d's session.
func (d *DB) NewRunner(opts RunOptions) *Runner {
	return &Runner{s: d.Session, opts: opts}
}

// Run runs one statement (no trailing semicolon needed), streaming any
// rows to sink. A cursor left open by an earlier capped result is closed
// first. Errors from the server are *QueryError.
func (r *Runner) Run(ctx context.Context, sql string, sink Sink) (Result, error) {
	var res Result
	err := r.s.Do(ctx, func(c *pgx.Conn) error {
		pc := c.PgConn()
		if r.conn != pc {
			r.conn, r.cursor, r.ownTx, r.pendingTx = pc, false, false, false
		}
		if err := r.closeCursor(ctx, pc); err != nil {
			return err
		}
		if pc.TxStatus() == 'I' {
			r.pendingTx = false // the user ended the held transaction
		}
		var err error
		res, err = r.run(ctx, c, sql, sink)
		res.Notices = notices(r.s.Notices())
		res.TxStatus = pc.TxStatus()
		return err
	})
	return res, err
}

// FetchMore continues the result a limit stopped, with fresh limits.
func (r *Runner) FetchMore(ctx context.Context, sink Sink) (Result, error) {
	var res Result
	err := r.s.Do(ctx, func(c *pgx.Conn) error {
		pc := c.PgConn()
		if !r.cursor || r.conn != pc {
			return errors.New("no result is waiting for more rows")
		}
		res = Result{SQL: r.curSQL, HasRows: true, Cursor: true, Columns: r.curCols}
		start := time.Now()
		if err := sink.Columns(r.curCols); err != nil {
			return err
		}
		err := r.fetchLoop(ctx, c, &res, sink)
		res.Duration = time.Since(start)
		res.Notices = notices(r.s.Notices())
		res.TxStatus = pc.TxStatus()
		return err
	})
	return res, err
}

func (r *Runner) run(ctx context.Context, c *pgx.Conn, sql string, sink Sink) (Result, error) {
	pc := c.PgConn()
	res := Result{SQL: sql}
	start := time.Now()
	defer func() { res.Duration = time.Since(start) }()
	k := classify(sql)
	idle := pc.TxStatus() == 'I'
	wrap := ""
	switch {
	case k.txControl || k.noTx || !idle:
	case r.opts.HoldWrites && k.writes:
		wrap = "BEGIN"
	case k.cursor && r.opts.FetchSize > 0 && r.s.ReadOnlyPerTx:
		wrap = "BEGIN READ ONLY"
	case k.cursor && r.opts.FetchSize > 0:
		wrap = "BEGIN"
	case r.s.ReadOnlyPerTx:
		wrap = "BEGIN READ ONLY"
	}
	if wrap != "" {
		if err := simple(ctx, pc, wrap); err != nil {
			return res, fmt.Errorf("begin: %w", err)
		}
	}
	var err error
	if k.cursor && r.opts.FetchSize > 0 && (wrap != "" || !idle) {
		err = r.runCursor(ctx, c, sql, &res, sink)
	} else {
		err = r.stream(ctx, c, sql, &res, sink)
	}
	switch {
	case wrap == "":
	case err != nil:
		endOwnTx(pc)
	case res.Cursor && res.More:
		r.ownTx = true
	case r.opts.HoldWrites && k.writes:
		res.Pending, res.Danger = true, k.danger
		r.pendingTx = true
	default:
		if cerr := simple(ctx, pc, "COMMIT"); cerr != nil {
			return res, fmt.Errorf("commit: %w", cerr)
		}
	}
	return res, err
}

// stream runs sql with the extended protocol, results in text format, and
// passes rows to sink as they arrive. Past a limit the rest is read off
// the socket and counted but not kept.
func (r *Runner) stream(ctx context.Context, c *pgx.Conn, sql string, res *Result, sink Sink) error {
	rr := c.PgConn().ExecParams(ctx, sql, nil, nil, nil, nil)
	fds := rr.FieldDescriptions()
	if fds != nil {
		res.HasRows = true
		res.Columns = columns(c, fds)
		if err := sink.Columns(res.Columns); err != nil {
			rr.Close()
			return err
		}
	}
	var bytes int64
	for rr.NextRow() {
		if res.More {
			continue
		}
		vals := rr.Values()
		if err := sink.Row(vals); err != nil {
			rr.Close()
			return err
		}
		res.Rows++
		bytes += rowBytes(vals)
		if capped := r.capped(res.Rows, bytes); capped != "" {
			res.More, res.CappedBy = true, capped
		}
	}
	tag, err := rr.Close()
	if err != nil {
		return asQueryError(sql, err, 0)
	}
	res.Tag, res.RowsAffected = tag.String(), tag.RowsAffected()
	if res.More && res.RowsAffected <= res.Rows {
		res.More = false
	}
	return nil
}

func (r *Runner) capped(rows, bytes int64) string {
	switch {
	case r.opts.MaxRows > 0 && rows >= r.opts.MaxRows:
		return "rows"
	case r.opts.MaxBytes > 0 && bytes >= r.opts.MaxBytes:
		return "bytes"
	}
	return ""
}

func columns(c *pgx.Conn, fds []pgconn.FieldDescription) []Column {
	cols := make([]Column, len(fds))
	for i, f := range fds {
		cols[i] = Column{Name: f.Name, TypeOID: f.DataTypeOID}
		if t, ok := c.TypeMap().TypeForOID(f.DataTypeOID); ok {
			cols[i].Type = t.Name
		}
	}
	return cols
}

func rowBytes(vals [][]byte) int64 {
	n := int64(0)
	for _, v := range vals {
		n += int64(len(v)) + 8
	}
	return n
}

// simple runs a statement with no result rows through the simple protocol.
func simple(ctx context.Context, pc *pgconn.PgConn, sql string) error {
	_, err := pc.Exec(ctx, sql).ReadAll()
	return err
}

// endOwnTx rolls back a transaction pgdeck began after a failure or cancel; it
// must not depend on the (possibly cancelled) caller's context.
func endOwnTx(pc *pgconn.PgConn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = simple(ctx, pc, "ROLLBACK")
}

func notices(ns []*pgconn.Notice) []Notice {
	out := make([]Notice, 0, len(ns))
	for _, n := range ns {
		out = append(out, Notice{Severity: n.Severity, Message: n.Message, Detail: n.Detail, Hint: n.Hint})
	}
	return out
}
