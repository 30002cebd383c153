package ui

import (
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/ui/activity"
	"github.com/pgdeck/pgdeck/ui/health"
	"github.com/pgdeck/pgdeck/ui/indexes"
	migrationspane "github.com/pgdeck/pgdeck/ui/migrations"
	"github.com/pgdeck/pgdeck/ui/overview"
	"github.com/pgdeck/pgdeck/ui/pane"
	"github.com/pgdeck/pgdeck/ui/plan"
	"github.com/pgdeck/pgdeck/ui/query"
	schemapane "github.com/pgdeck/pgdeck/ui/schema"
	"github.com/pgdeck/pgdeck/ui/slow"
	"github.com/pgdeck/pgdeck/ui/theme"
)

// defaultPanes builds the console's panes in tab order. remap applies the
// configuration file's key overrides for a section to a pane's key map.
func defaultPanes(deps Deps, styles *theme.Styles, remap func(section string, km any)) []pane.Pane {
	d := deps.DB
	timeout := d.Config().StatementTimeout + d.Config().LockTimeout
	return []pane.Pane{
		overview.New(d, d.Info, styles, keys(overview.DefaultKeyMap(), pane.Overview, remap), timeout),
		schemapane.New(d, styles, keys(schemapane.DefaultKeyMap(), pane.Schema, remap), timeout),
		query.New(d, styles, keys(query.DefaultKeyMap(), pane.Query, remap), query.DefaultStateDir()),
		plan.New(d, styles, keys(plan.DefaultKeyMap(), pane.Plan, remap), db.DefaultExplainTimeout).WithFixLoop(d, deps.MigrationsDir),
		slow.New(d, styles, keys(slow.DefaultKeyMap(), pane.Slow, remap), timeout).WithThreshold(slow.Threshold{MeanMs: deps.Config.Slow.MeanMs, MinCalls: deps.Config.Slow.MinCalls}),
		indexes.New(d, styles, keys(indexes.DefaultKeyMap(), pane.Indexes, remap), timeout),
		activity.New(d, styles, keys(activity.DefaultKeyMap(), pane.Activity, remap), timeout),
		health.New(d, styles, keys(health.DefaultKeyMap(), pane.Health, remap), timeout),
		migrationspane.New(d, deps.MigrationsDir, styles, keys(migrationspane.DefaultKeyMap(), pane.Migrations, remap), timeout),
	}
}

// keys returns km with the configuration's overrides for section applied.
func keys[K any](km K, section pane.ID, remap func(string, any)) K {
	remap(string(section), &km)
	return km
}
