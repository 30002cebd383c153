package db

import (
	"context"
	"fmt"
)

// tuneDiagnostics sets, for the rest of the read-only transaction, what
// the catalog-wide diagnostic queries need on huge catalogs: JIT off (it
// compiled the 20,000-index queries for 150 ms and more, longer than
// running them, because the planner's row estimates over catalog joins
// cross jit_above_cost), and no parallel workers (starting them costs
// more than these scans of a few thousand pages take). Both are
// transaction-local (set_config's third argument), so they also hold
// behind PgBouncer in transaction pooling.
func tuneDiagnostics(ctx context.Context, q Querier) error {
	_, err := q.Exec(ctx, "select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")
	if err != nil {
		return fmt.Errorf("tune diagnostic transaction: %w", err)
	}
	return nil
}
