package db

import (
	"context"
	"errors"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Session is the dedicated connection for the user's own statements, so
// SET, BEGIN and temporary tables persist between runs as they do in psql.
// One statement runs at a time. If the server ends the connection (a
// pg_terminate_backend, a restart), the next Do reconnects and reports
// that session state was lost.
type Session struct {
	// ReadOnlyPerTx says read-only cannot be a session default (PgBouncer
	// transaction pooling): the caller must wrap statements in
	// BEGIN READ ONLY … COMMIT itself.
	ReadOnlyPerTx bool

	mu   sync.Mutex
	cfg  *pgx.ConnConfig
	conn *pgx.Conn
	// Notices collects NOTICE/WARNING messages the server sent while the
	// current statement ran; Do hands them to the caller and clears them.
	notices []*pgconn.Notice
	nmu     sync.Mutex
}

// ErrSessionReset is returned (wrapped) by Do when it had to reconnect:
// SET values, temporary tables and any open transaction are gone.
var ErrSessionReset = errors.New("the server closed the session; reconnected — session settings, temporary tables and any open transaction were lost")

func newSession(ctx context.Context, cc *pgx.ConnConfig) (*Session, error) {
	s := &Session{cfg: cc.Copy()}
	s.cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		s.nmu.Lock()
		s.notices = append(s.notices, n)
		s.nmu.Unlock()
	}
	conn, err := pgx.ConnectConfig(ctx, s.cfg)
	if err != nil {
		return nil, explainConnectError(cc, err)
	}
	s.conn = conn
	return s, nil
}

// Do runs fn with the session connection. When the previous connection
// was closed by the server, Do reconnects first and, after running fn,
// returns ErrSessionReset joined with fn's error so the UI can say so.
func (s *Session) Do(ctx context.Context, fn func(*pgx.Conn) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var reset bool
	if s.conn == nil || s.conn.IsClosed() {
		conn, err := pgx.ConnectConfig(ctx, s.cfg)
		if err != nil {
			return explainConnectError(s.cfg, err)
		}
		s.conn = conn
		reset = true
	}
	err := fn(s.conn)
	if err != nil && s.conn.IsClosed() {
		err = &LostError{Err: err}
	}
	if reset {
		return errors.Join(ErrSessionReset, err)
	}
	return err
}

// Notices returns and clears the notices received since the last call.
func (s *Session) Notices() []*pgconn.Notice {
	s.nmu.Lock()
	defer s.nmu.Unlock()
	n := s.notices
	s.notices = nil
	return n
}

// TxStatus is the session's transaction state as the server last reported
// it: 'I' idle, 'T' in a transaction, 'E' in a failed transaction, as in
// psql's prompt. It may be read while no statement runs.
func (s *Session) TxStatus() byte {
	if !s.mu.TryLock() {
		return 'A' // a statement is running
	}
	defer s.mu.Unlock()
	if s.conn == nil || s.conn.IsClosed() {
		return 'I'
	}
	return s.conn.PgConn().TxStatus()
}

// Close closes the session connection.
func (s *Session) Close(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close(ctx)
	}
}

// LostError says the connection died while a statement ran (the backend
// was terminated or the server went away).
type LostError struct{ Err error }

func (e *LostError) Error() string {
	return "connection to the server was lost (" + e.Err.Error() + "); it will reconnect on the next action"
}

func (e *LostError) Unwrap() error { return e.Err }
