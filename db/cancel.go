package db

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// cancelGiveUp bounds how long a cancelled query's connection waits for
// the server's answer, and the cancel connection for the server to close
// it, before the socket is abandoned. psql waits forever; we wait long.
const cancelGiveUp = time.Minute

// psqlCancel is the context handler every pgdeck connection uses: on a
// cancelled context it sends one CancelRequest and waits, as libpq's
// PQcancel does, until the server (or pooler) closes the cancel
// connection; the query's own connection is kept and goes on reading
// until the ErrorResponse arrives. pgx's CancelRequestContextWatcherHandler
// instead closes the cancel connection as soon as the query returns and
// puts a deadline on the session socket: PgBouncer 1.18 frees a cancel
// client that hangs up before its cancel was forwarded twice and exits
// (`disconnect_client(): bad client state: 0`, pgbouncer PR #846).
type psqlCancel struct {
	conn *pgconn.PgConn
	done chan struct{}
}

func newCancelHandler(c *pgconn.PgConn) ctxwatch.Handler { return &psqlCancel{conn: c} }

// HandleCancel sends the CancelRequest in the background; the query's
// read goes on and returns the server's 57014 error.
func (h *psqlCancel) HandleCancel(context.Context) {
	h.done = make(chan struct{})
	_ = h.conn.Conn().SetDeadline(time.Now().Add(cancelGiveUp))
	go func() {
		defer close(h.done)
		ctx, cancel := context.WithTimeout(context.Background(), cancelGiveUp)
		defer cancel()
		// CancelRequest reads until the other end closes the connection.
		_ = h.conn.CancelRequest(ctx)
	}()
}

// HandleUnwatchAfterCancel waits for the cancel connection to be closed by
// the server, so the signal cannot reach the next query and the pooler
// never sees the cancel client leave first.
func (h *psqlCancel) HandleUnwatchAfterCancel() {
	<-h.done
	_ = h.conn.Conn().SetDeadline(time.Time{})
}
