package db

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ConnectError is a failed connection attempt explained in words: where
// pgdeck tried to connect, what went wrong, and what to check.
type ConnectError struct {
	Msg string
	Err error
}

func (e *ConnectError) Error() string { return e.Msg }
func (e *ConnectError) Unwrap() error { return e.Err }

// target names where a config points, as psql's error messages do.
func target(cc *pgx.ConnConfig) string {
	host := cc.Host
	if strings.HasPrefix(host, "/") {
		return fmt.Sprintf("socket %s/.s.PGSQL.%d", host, cc.Port)
	}
	return fmt.Sprintf("%s:%d", host, cc.Port)
}

func explainConnectError(cc *pgx.ConnConfig, err error) error {
	where := target(cc)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		var msg string
		switch pgErr.Code {
		case "28P01":
			msg = fmt.Sprintf("password authentication failed for user %q at %s: check the password (PGPASSWORD, ~/.pgpass or the DSN)", cc.User, where)
		case "28000":
			msg = fmt.Sprintf("the server at %s refused user %q: %s (check pg_hba.conf)", where, cc.User, pgErr.Message)
		case "3D000":
			msg = fmt.Sprintf("database %q does not exist on %s (list databases with: psql -l)", cc.Database, where)
		case "53300":
			msg = fmt.Sprintf("the server at %s has no free connection slots: %s", where, pgErr.Message)
		case "57P03":
			msg = fmt.Sprintf("the server at %s is not accepting connections yet: %s", where, pgErr.Message)
		default:
			msg = fmt.Sprintf("connecting to %s: %s (SQLSTATE %s)", where, pgErr.Message, pgErr.Code)
		}
		return &ConnectError{Msg: msg, Err: err}
	}
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		return &ConnectError{Msg: fmt.Sprintf("timed out after %v connecting to %s: is the host reachable and the port open?", cc.ConnectTimeout, where), Err: err}
	case errors.Is(err, context.Canceled):
		return &ConnectError{Msg: fmt.Sprintf("connecting to %s was cancelled", where), Err: err}
	case contains(err.Error(), "connection refused"):
		return &ConnectError{Msg: fmt.Sprintf("could not connect to %s: connection refused — is the server running and accepting connections there?", where), Err: err}
	case errors.Is(err, os.ErrNotExist) || contains(err.Error(), "no such file or directory"):
		return &ConnectError{Msg: fmt.Sprintf("could not connect to %s: no such socket — is the server running locally?", where), Err: err}
	case contains(err.Error(), "no such host"):
		return &ConnectError{Msg: fmt.Sprintf("could not connect to %s: unknown host %q", where, cc.Host), Err: err}
	}
	return &ConnectError{Msg: fmt.Sprintf("could not connect to %s: %s", where, innermost(err)), Err: err}
}

// explainQueryError words the errors a diagnostic query can hit.
func explainQueryError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "57014" && contains(pgErr.Message, "statement timeout"):
			return fmt.Errorf("query stopped by pgdeck's statement timeout (--statement-timeout): %w", err)
		case pgErr.Code == "55P03":
			return fmt.Errorf("gave up waiting for a lock (lock_timeout): %w", err)
		case pgErr.Code == "57P01":
			return &LostError{Err: err}
		}
		return err
	}
	if pgconn.SafeToRetry(err) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var netErr net.Error
	if errors.As(err, &netErr) || contains(err.Error(), "conn closed") || contains(err.Error(), "unexpected EOF") {
		return &LostError{Err: err}
	}
	return err
}

// innermost returns the message of the deepest wrapped error: pgx wraps
// dial errors in several layers that repeat the address.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// redactedCause words a ParseConfig error without echoing the connection
// string, which may hold a password.
func redactedCause(err error) string {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		if pe.Unwrap() != nil {
			return pe.Unwrap().Error()
		}
	}
	msg := err.Error()
	if i := strings.Index(msg, "cannot parse `"); i >= 0 {
		if j := strings.Index(msg[i+14:], "`: "); j >= 0 {
			return msg[i+14+j+3:]
		}
	}
	return msg
}

func contains(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
