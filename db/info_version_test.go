package db

import (
	"strings"
	"testing"
)

func TestVersionNotes(t *testing.T) {
	cases := []struct {
		num  int
		want string // "" means no note
	}{
		{0, ""},
		{110010, "older than pgdeck supports"},
		{130012, "older than the majors pgdeck is tested on"},
		{140023, ""},
		{150018, ""},
		{180004, ""},
		{190000, "newer than the majors pgdeck is tested on"},
	}
	for _, c := range cases {
		notes := VersionNotes(c.num)
		if c.want == "" {
			if len(notes) != 0 {
				t.Errorf("VersionNotes(%d) = %q, want none", c.num, notes)
			}
			continue
		}
		if len(notes) != 1 || !strings.Contains(notes[0], c.want) {
			t.Errorf("VersionNotes(%d) = %q, want one note containing %q", c.num, notes, c.want)
		}
	}
}

// The live server is one of the tested majors, so it gets no version note.
func TestInfoHasNoVersionNoteOnTestedMajor(t *testing.T) {
	d := openTest(t, Config{})
	for _, n := range d.Info.Notes {
		if strings.Contains(n, "tested on") {
			t.Fatalf("PostgreSQL %d got a version note: %q", d.Info.Major(), n)
		}
	}
}
