package db

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// runCursor declares a cursor for sql in the current transaction and
// fetches it in batches until the result ends or a limit is reached.
func (r *Runner) runCursor(ctx context.Context, c *pgx.Conn, sql string, res *Result, sink Sink) error {
	pc := c.PgConn()
	if err := simpleParams(ctx, pc, cursorPrefix+sql); err != nil {
		return asQueryError(sql, err, runeLen(cursorPrefix))
	}
	res.HasRows, res.Cursor = true, true
	r.curSQL = sql
	r.cursor = true
	if err := r.fetchLoop(ctx, c, res, sink); err != nil {
		r.cursor = false
		return err
	}
	return nil
}

// fetchLoop fetches batches into sink. When a limit stops it with rows
// possibly left, the cursor stays open (res.More); otherwise it is closed.
func (r *Runner) fetchLoop(ctx context.Context, c *pgx.Conn, res *Result, sink Sink) error {
	pc := c.PgConn()
	first := res.Columns == nil
	var bytes, rows int64
	for {
		want := int64(r.opts.FetchSize)
		if r.opts.MaxRows > 0 {
			want = min(want, r.opts.MaxRows-rows)
		}
		if r.opts.MaxBytes > 0 && rows > 0 {
			// Large rows: ask for no more than the byte budget allows.
			perRow := max(bytes/rows, 1)
			want = min(want, max((r.opts.MaxBytes-bytes)/perRow, 1))
		}
		rr := pc.ExecParams(ctx, "FETCH FORWARD "+strconv.FormatInt(want, 10)+" FROM "+cursorName, nil, nil, nil, nil)
		if first {
			first = false
			res.Columns = columns(c, rr.FieldDescriptions())
			r.curCols = res.Columns
			if err := sink.Columns(res.Columns); err != nil {
				rr.Close()
				return err
			}
		}
		got := int64(0)
		var serr error
		for rr.NextRow() {
			if serr != nil {
				continue
			}
			vals := rr.Values()
			if serr = sink.Row(vals); serr != nil {
				continue
			}
			got++
			bytes += rowBytes(vals)
		}
		if _, err := rr.Close(); err != nil {
			return asQueryError(res.SQL, err, 0)
		}
		if serr != nil {
			return serr
		}
		rows += got
		res.Rows += got
		res.RowsAffected = res.Rows
		if got < want {
			break
		}
		if capped := r.capped(rows, bytes); capped != "" {
			res.More, res.CappedBy = true, capped
			res.Tag = "SELECT " + strconv.FormatInt(res.Rows, 10)
			return nil
		}
	}
	res.Tag = "SELECT " + strconv.FormatInt(res.Rows, 10)
	res.More = false
	return r.closeCursor(ctx, pc)
}

// closeCursor closes a cursor left open and ends the transaction pgdeck
// began for it.
func (r *Runner) closeCursor(ctx context.Context, pc *pgconn.PgConn) error {
	if !r.cursor {
		return nil
	}
	r.cursor = false
	if pc.TxStatus() == 'E' {
		if r.ownTx {
			r.ownTx = false
			endOwnTx(pc)
		}
		return nil
	}
	if err := simple(ctx, pc, "CLOSE "+cursorName); err != nil {
		return fmt.Errorf("close cursor: %w", err)
	}
	if r.ownTx {
		r.ownTx = false
		if err := simple(ctx, pc, "COMMIT"); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
	}
	return nil
}

// simpleParams runs one statement with the extended protocol, so text
// after it cannot smuggle a second statement in.
func simpleParams(ctx context.Context, pc *pgconn.PgConn, sql string) error {
	_, err := pc.ExecParams(ctx, sql, nil, nil, nil, nil).Close()
	return err
}

// Commit commits the transaction a held write (Result.Pending) left open
// and returns the command tag of COMMIT.
func (r *Runner) Commit(ctx context.Context) error { return r.endPending(ctx, "COMMIT") }

// Rollback rolls back the transaction a held write left open.
func (r *Runner) Rollback(ctx context.Context) error { return r.endPending(ctx, "ROLLBACK") }

func (r *Runner) endPending(ctx context.Context, verb string) error {
	return r.s.Do(ctx, func(c *pgx.Conn) error {
		if !r.pendingTx || r.conn != c.PgConn() {
			return errors.New("no change is waiting to be committed")
		}
		r.pendingTx = false
		if err := simple(ctx, c.PgConn(), verb); err != nil {
			return fmt.Errorf("%s: %w", verb, err)
		}
		return nil
	})
}
