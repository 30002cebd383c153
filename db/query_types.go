package db

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
)

// Defaults for RunOptions fields left zero.
const (
	DefaultFetchSize = 1000
	DefaultMaxRows   = 100_000
	DefaultMaxBytes  = 256 << 20
)

// RunOptions bound what one run holds and say how writes are handled.
type RunOptions struct {
	// FetchSize is how many rows each FETCH asks for when a query is read
	// through a cursor, as psql's FETCH_COUNT. Zero reads queries without
	// a cursor, streaming the whole result (what `pgdeck query` does).
	FetchSize int
	// MaxRows and MaxBytes stop reading once that many rows or bytes were
	// delivered; with a cursor the rest stay on the server for FetchMore.
	// Zero means no limit.
	MaxRows  int64
	MaxBytes int64
	// HoldWrites runs a statement that writes, outside an explicit
	// transaction, inside one and leaves it open (Result.Pending) for the
	// caller to Commit or Rollback.
	HoldWrites bool
}

// ConsoleRunOptions are the console's defaults: batches through a cursor,
// 100,000 rows or 256 MB.
func ConsoleRunOptions() RunOptions {
	return RunOptions{FetchSize: DefaultFetchSize, MaxRows: DefaultMaxRows, MaxBytes: DefaultMaxBytes}
}

// Column describes one result column.
type Column struct {
	Name    string
	TypeOID uint32
	// Type is the type's name when pgx knows it (built-in types), else "".
	Type string
}

// Numeric reports whether values of the column are numbers, which the
// grid aligns right as psql does.
func (c Column) Numeric() bool {
	switch c.TypeOID {
	case 20, 21, 23, 26, 700, 701, 790, 1700, 28, 5069:
		return true
	}
	return false
}

// Sink receives a result set as it streams in.
type Sink interface {
	// Columns starts a result set; it is called before the first Row, and
	// also for a result with no rows.
	Columns(cols []Column) error
	// Row delivers one row's values as the server printed them (text
	// format). A nil value is NULL. The slices are only valid during the
	// call: copy what you keep.
	Row(values [][]byte) error
}

// Notice is a NOTICE, WARNING or INFO the server sent.
type Notice struct {
	Severity, Message, Detail, Hint string
}

// Result is the outcome of one statement.
type Result struct {
	SQL string
	// HasRows says the statement returned a result set (even empty).
	HasRows bool
	Columns []Column
	// Tag is the command tag (SELECT 3, UPDATE 10, SET …).
	Tag          string
	RowsAffected int64
	// Rows is how many rows reached the sink.
	Rows int64
	// More says reading stopped at a limit (CappedBy) with rows left;
	// FetchMore continues when Cursor is true.
	More     bool
	CappedBy string
	Cursor   bool
	// Pending says the statement's changes are in a transaction pgdeck
	// opened (HoldWrites): call Commit or Rollback. Danger words what is
	// risky about it, if anything.
	Pending  bool
	Danger   string
	Notices  []Notice
	TxStatus byte
	Duration time.Duration
}

// QueryError is a server error with everything psql shows: message,
// detail, hint, and the position of the error in the statement.
type QueryError struct {
	SQL                                   string
	Severity, Code, Message, Detail, Hint string
	// Position is the 1-based character position in SQL, 0 when unknown.
	Position int
	Err      error
}

func (e *QueryError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:  %s", e.Severity, e.Message)
	if e.Detail != "" {
		b.WriteString("\nDETAIL:  " + e.Detail)
	}
	if e.Hint != "" {
		b.WriteString("\nHINT:  " + e.Hint)
	}
	return b.String()
}

func (e *QueryError) Unwrap() error { return e.Err }

// Canceled reports whether the statement was stopped by a cancel request.
func (e *QueryError) Canceled() bool { return e.Code == "57014" }

// ByteOffset turns Position into a byte offset in SQL, -1 when unknown.
func (e *QueryError) ByteOffset() int {
	if e.Position <= 0 {
		return -1
	}
	n := 0
	for i := range e.SQL {
		n++
		if n == e.Position {
			return i
		}
	}
	return len(e.SQL)
}

// asQueryError wraps a server error; shift is how many characters pgdeck
// put in front of the user's statement (the DECLARE prefix).
func asQueryError(sql string, err error, shift int) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	pos := int(pe.Position) - shift
	if pos < 0 || pe.Position == 0 {
		pos = 0
	}
	return &QueryError{SQL: sql, Severity: pe.Severity, Code: pe.Code, Message: pe.Message,
		Detail: pe.Detail, Hint: pe.Hint, Position: pos, Err: err}
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
