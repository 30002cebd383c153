package db

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ErrNoHypoPG is returned when hypothetical indexes are unavailable; the
// wrapping error says how to install the extension.
var ErrNoHypoPG = errors.New("hypopg is not installed")

// HypoResult compares a statement's plan without and with a hypothetical
// index. No real index is built.
type HypoResult struct {
	// Index is the name hypopg gave the hypothetical index.
	Index      string  `json:"index"`
	Before     string  `json:"before_plan"`
	After      string  `json:"after_plan"`
	BeforeCost float64 `json:"before_cost"`
	AfterCost  float64 `json:"after_cost"`
	// Used says the new plan uses the hypothetical index.
	Used bool `json:"used"`
}

// HypoAdvice says how to get hypopg, given whether its files are on the
// server and the server's major version.
func HypoAdvice(available bool, major int) string {
	if available {
		return "hypopg is available but not installed in this database: run CREATE EXTENSION hypopg; (a superuser or the database owner can)"
	}
	return fmt.Sprintf("hypopg is not installed on the server: install the package (Debian/Ubuntu: apt install postgresql-%d-hypopg; RHEL: dnf install hypopg_%d), then run CREATE EXTENSION hypopg;", major, major)
}

// HypotheticalIndex plans sql (generically, see GenericPlan), creates the
// hypothetical index described by createIndex (a CREATE INDEX statement)
// with hypopg, and plans sql again — all on one pinned connection, since
// hypothetical indexes exist only in the backend that made them.
func (d *DB) HypotheticalIndex(ctx context.Context, sql, createIndex string, params []string) (HypoResult, error) {
	if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(createIndex)), "CREATE ") {
		return HypoResult{}, fmt.Errorf("hypothetical index: want a CREATE INDEX statement, got %q", createIndex)
	}
	var r HypoResult
	err := d.pinned(ctx, func(q Querier) error {
		var schema *string
		var available bool
		var major int
		if err := q.QueryRow(ctx, query("hypo_status")).Scan(&schema, &available, &major); err != nil {
			return err
		}
		if schema == nil {
			return fmt.Errorf("%w: %s", ErrNoHypoPG, HypoAdvice(available, major))
		}
		var err error
		if r.Before, err = explainGeneric(ctx, q, major, sql, params); err != nil {
			return fmt.Errorf("plan without the index: %w", err)
		}
		fn := pgx.Identifier{*schema, "hypopg_create_index"}.Sanitize()
		if err := q.QueryRow(ctx, "select indexname from "+fn+"($1)", createIndex).Scan(&r.Index); err != nil {
			return fmt.Errorf("create hypothetical index: %w", err)
		}
		if r.After, err = explainGeneric(ctx, q, major, sql, params); err != nil {
			return fmt.Errorf("plan with the index: %w", err)
		}
		return nil
	})
	if err != nil {
		return HypoResult{}, fmt.Errorf("hypothetical index: %w", err)
	}
	if r.BeforeCost, err = PlanCost(r.Before); err != nil {
		return HypoResult{}, err
	}
	if r.AfterCost, err = PlanCost(r.After); err != nil {
		return HypoResult{}, err
	}
	r.Used = strings.Contains(r.After, r.Index)
	return r, nil
}
