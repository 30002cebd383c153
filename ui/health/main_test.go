package health

import (
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/pgtmp"
	"github.com/pgdeck/pgdeck/ui/theme"
	"github.com/pgdeck/pgdeck/ui/uitest"
)

var srv *pgtmp.Server

func TestMain(m *testing.M) {
	os.Exit(pgtmp.RunTests(m, pgtmp.Options{}, func(s *pgtmp.Server) { srv = s }))
}

// newDB creates database name, runs setup in it and returns a connection
// to it for the workload.
func newDB(t *testing.T, name, setup string) *pgx.Conn { return uitest.NewDB(t, srv, name, setup) }

// open builds the pane on database name and loads its first sample.
func open(t *testing.T, name string, rw bool) *Model {
	return uitest.Open(t, srv, name, rw, func(d *db.DB) *Model {
		return New(d, theme.NewStyles(true, true), DefaultKeyMap(), 10*time.Second)
	})
}

func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg { return uitest.Drain(t, m, cmd) }

func press(t *testing.T, m *Model, keys ...string) []tea.Msg { return uitest.Press(t, m, keys...) }
