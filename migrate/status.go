package migrate

import (
	"slices"
	"strconv"

	"github.com/pgdeck/pgdeck/advise/migration"
)

// HistoryTable is the name of pgdeck's own history table.
const HistoryTable = "pgdeck_migrations"

// Entry is one line of a status: a migration, its file, its record, and
// where it stands.
type Entry struct {
	Version string  `json:"version"`
	Name    string  `json:"name"`
	State   State   `json:"state"`
	File    *File   `json:"file"`
	Record  *Record `json:"record"`
	// Want is the checksum the file has now, when State is Changed.
	Want string `json:"want_checksum,omitempty"`
}

// Status is a folder compared with one history.
type Status struct {
	History *History `json:"history"`
	Entries []Entry  `json:"entries"`
}

// Count returns how many entries are in state s.
func (s Status) Count(st State) int {
	n := 0
	for _, e := range s.Entries {
		if e.State == st {
			n++
		}
	}
	return n
}

// Compare sets the folder's files against a history. h may be nil (no
// history table yet: everything is pending). When the folder holds no
// files at all (Alembic and Django keep theirs in Python), the records are
// listed as they are, never as missing.
func Compare(folder Folder, h *History) Status {
	st := Status{History: h, Entries: []Entry{}}
	var recs map[string]*Record
	if h != nil {
		recs = records(folder, h)
	}
	for i := range folder.Files {
		f := &folder.Files[i]
		e := Entry{Version: f.Version, Name: f.Name, File: f, State: Pending}
		if h != nil {
			e.Record = recs[f.Version]
			delete(recs, f.Version)
			e.State, e.Want = fileState(h, f, e.Record)
		}
		st.Entries = append(st.Entries, e)
	}
	for _, r := range recs {
		state := Missing
		if len(folder.Files) == 0 {
			state = recordState(*r)
		}
		st.Entries = append(st.Entries, Entry{Version: r.Version, Name: r.Name, State: state, Record: r})
	}
	if h != nil && h.Head != nil && len(folder.Files) > 0 && !hasVersion(folder, h.Head.Version) && h.Head.Version != "" {
		// golang-migrate's mark names a version no file has.
		st.Entries = append(st.Entries, Entry{Version: h.Head.Version, State: Missing, Record: h.Head})
	}
	slices.SortStableFunc(st.Entries, func(a, b Entry) int { return migration.CompareNames(a.Version, b.Version) })
	return st
}

// records indexes the history's records by the version the folder's files
// use; Drizzle's records are matched through the journal's timestamps.
func records(folder Folder, h *History) map[string]*Record {
	out := map[string]*Record{}
	byWhen := map[string]string{}
	if h.Tool == Drizzle {
		for _, f := range folder.Files {
			byWhen[strconv.FormatInt(f.When, 10)] = f.Version
		}
	}
	for i := range h.Records {
		r := &h.Records[i]
		v := r.Version
		if tag, ok := byWhen[v]; ok {
			v = tag
			r.Name = tag
		}
		out[v] = r
	}
	return out
}

// fileState decides a file's state from its record (or the head mark).
func fileState(h *History, f *File, r *Record) (State, string) {
	if r == nil && h.Head != nil {
		switch cmpVersion(f.Version, h.Head.Version) {
		case 0:
			if !h.Head.OK {
				return Dirty, ""
			}
			return Applied, ""
		case -1:
			return Applied, ""
		}
		return Pending, ""
	}
	if r == nil {
		return Pending, ""
	}
	if s := recordState(*r); s != Applied {
		return s, ""
	}
	if h.Head != nil && !h.Head.OK && cmpVersion(f.Version, h.Head.Version) == 0 {
		return Dirty, ""
	}
	if r.Checksum != nil {
		tool := h.Tool
		if want, ok := Checksum(tool, *f); ok && want != *r.Checksum {
			return Changed, want
		}
	}
	return Applied, ""
}

func recordState(r Record) State {
	switch {
	case r.OK:
		return Applied
	case r.NoTx:
		return Dirty
	}
	return Failed
}

// cmpVersion compares two versions numerically when both are numbers.
func cmpVersion(a, b string) int {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	if errA == nil && errB == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	c := migration.CompareNames(a, b)
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func hasVersion(folder Folder, v string) bool {
	for _, f := range folder.Files {
		if cmpVersion(f.Version, v) == 0 {
			return true
		}
	}
	return false
}
