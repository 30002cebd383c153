package migration

import "encoding/json"

// Lock is a PostgreSQL table-level lock mode, ordered from weakest to
// strongest. The zero value means the statement takes no lock worth
// reporting on an existing relation.
type Lock int

// The eight table lock modes, in PostgreSQL's order.
const (
	NoLock Lock = iota
	AccessShare
	RowShare
	RowExclusive
	ShareUpdateExclusive
	Share
	ShareRowExclusive
	Exclusive
	AccessExclusive
)

var lockNames = [...]string{"", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
	"SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"}

// pgLockNames are the same modes as pg_locks.mode spells them.
var pgLockNames = [...]string{"", "AccessShareLock", "RowShareLock", "RowExclusiveLock",
	"ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"}

// String names the mode as LOCK TABLE … IN … MODE does; "" for NoLock.
func (l Lock) String() string {
	if l < 0 || int(l) >= len(lockNames) {
		return ""
	}
	return lockNames[l]
}

// PgName names the mode as the pg_locks view does (AccessExclusiveLock).
func (l Lock) PgName() string {
	if l < 0 || int(l) >= len(pgLockNames) {
		return ""
	}
	return pgLockNames[l]
}

// MarshalJSON writes the mode name, or null when the statement takes no
// lock (report convention: null where a figure is absent).
func (l Lock) MarshalJSON() ([]byte, error) {
	if l == NoLock {
		return []byte("null"), nil
	}
	return json.Marshal(l.String())
}

// Blocks says in words what the lock holds up while it is held — what a
// reader of a finding needs to know about its production impact.
func (l Lock) Blocks() string {
	switch l {
	case AccessShare:
		return "only ACCESS EXCLUSIVE (DDL that rewrites or drops the table)"
	case RowShare:
		return "EXCLUSIVE and ACCESS EXCLUSIVE locks"
	case RowExclusive:
		return "SHARE locks and stronger (CREATE INDEX, most ALTER TABLE), not reads or other writes"
	case ShareUpdateExclusive:
		return "VACUUM, ANALYZE, CREATE INDEX and other schema changes; reads and writes go on"
	case Share:
		return "all writes (INSERT, UPDATE, DELETE); reads go on"
	case ShareRowExclusive:
		return "all writes and other schema changes; reads go on"
	case Exclusive:
		return "all writes and SELECT … FOR UPDATE; plain reads go on"
	case AccessExclusive:
		return "everything, reads included"
	}
	return "nothing"
}

// conflicts is PostgreSQL's lock conflict table: conflicts[a] has bit b
// set when mode a conflicts with mode b.
var conflicts = [...]uint16{
	AccessShare:          1 << AccessExclusive,
	RowShare:             1<<Exclusive | 1<<AccessExclusive,
	RowExclusive:         1<<Share | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
	ShareUpdateExclusive: 1<<ShareUpdateExclusive | 1<<Share | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
	Share:                1<<RowExclusive | 1<<ShareUpdateExclusive | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
	ShareRowExclusive:    1<<RowExclusive | 1<<ShareUpdateExclusive | 1<<Share | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
	Exclusive:            1<<RowShare | 1<<RowExclusive | 1<<ShareUpdateExclusive | 1<<Share | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
	AccessExclusive:      1<<AccessShare | 1<<RowShare | 1<<RowExclusive | 1<<ShareUpdateExclusive | 1<<Share | 1<<ShareRowExclusive | 1<<Exclusive | 1<<AccessExclusive,
}

// ConflictsWith reports whether a lock in mode l makes a request for mode
// m wait.
func (l Lock) ConflictsWith(m Lock) bool {
	if l <= NoLock || m <= NoLock || int(l) >= len(conflicts) || int(m) >= len(conflicts) {
		return false
	}
	return conflicts[l]&(1<<m) != 0
}

// BlocksWrites reports whether the lock stops INSERT/UPDATE/DELETE.
func (l Lock) BlocksWrites() bool { return l.ConflictsWith(RowExclusive) }

// BlocksReads reports whether the lock stops plain SELECT.
func (l Lock) BlocksReads() bool { return l.ConflictsWith(AccessShare) }
