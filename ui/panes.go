package ui

import (
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/overview"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// defaultPanes builds the console's panes in tab order.
func defaultPanes(d *db.DB, styles *theme.Styles) []pane.Pane {
	timeout := d.Config().StatementTimeout + d.Config().LockTimeout
	return []pane.Pane{
		overview.New(d, d.Info, styles, overview.DefaultKeyMap(), timeout),
	}
}
