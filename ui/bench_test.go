package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/db"
)

// BenchmarkFirstFrame measures what the console does between an open
// connection and its first frame: building the panes, the first layout
// and the first render (data arrives later, in the background).
// Target: ≤ 100 ms.
func BenchmarkFirstFrame(b *testing.B) {
	d, err := db.Open(context.Background(), db.Config{DSN: srv.ConnString("postgres")})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	for b.Loop() {
		m := New(Deps{DB: d, NoColor: false, Dark: true, Keys: DefaultKeyMap()})
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		if v := m.View(); v.Content == "" {
			b.Fatal("empty first frame")
		}
	}
}
