package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/pgdeck/pgdeck/explain"
	"github.com/pgdeck/pgdeck/ui/pane"
)

// indexTimeout bounds the read of the indexes the findings check: a few
// catalog queries, each under the connection's statement timeout.
const indexTimeout = 15 * time.Second

// indexesMsg carries the findings of plan worked out again with the
// relations' existing indexes at hand.
type indexesMsg struct {
	plan     *explain.Plan
	findings []explain.PlanFinding
	err      error
}

// checkIndexes starts, when connected, the read of the existing indexes
// of each relation a seq-scan-filter finding proposes an index for, and
// the findings' second run with them — as `pgdeck explain -c` does — so
// the pane never proposes an index that is there already. Offline, or
// when no finding proposes an index, it does nothing. The command
// captures the plan (only read from then on) and the database handle.
func (m *Model) checkIndexes() tea.Cmd {
	if m.ex == nil || m.plan == nil || m.busy || m.checked == m.plan || !proposesIndex(m.findings) {
		return nil
	}
	m.stopIndexes()
	m.seq++
	ctx, cancel := context.WithTimeout(context.Background(), indexTimeout)
	m.ixCancel = cancel
	ex, p := m.ex, m.plan
	return pane.Run(pane.Plan, m.seq, func() tea.Msg {
		defer cancel()
		var errs []error
		lookup := explain.IndexLookup(func(schema, rel string) ([][]string, error) {
			return ex.IndexColumns(ctx, schema, rel)
		}, func(_, _ string, err error) { errs = append(errs, err) })
		fs := explain.Findings(p, explain.Options{Indexes: lookup})
		return indexesMsg{plan: p, findings: fs, err: errors.Join(errs...)}
	})
}

// proposesIndex reports whether a finding proposes a new index, the one
// thing the existing indexes can change.
func proposesIndex(fs []explain.PlanFinding) bool {
	for _, f := range fs {
		if f.Rule == "seq-scan-filter" && strings.HasPrefix(f.Fix, "CREATE INDEX") {
			return true
		}
	}
	return false
}

// indexesDone shows the findings worked out with the existing indexes,
// unless another plan has been shown since.
func (m *Model) indexesDone(r indexesMsg) tea.Cmd {
	m.ixCancel = nil
	if r.plan != m.plan {
		return nil
	}
	m.findings, m.checked = r.findings, r.plan
	if m.fcursor >= len(m.findings) {
		m.fcursor = max(len(m.findings)-1, 0)
	}
	if r.err != nil && !errors.Is(r.err, context.Canceled) {
		return status("", fmt.Errorf("check the existing indexes: %w", r.err))
	}
	return nil
}

// stopIndexes cancels a read of indexes in flight; its result, if it
// still comes, is stale.
func (m *Model) stopIndexes() {
	if m.ixCancel != nil {
		m.ixCancel()
		m.ixCancel = nil
	}
}
