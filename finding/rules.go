package finding

import (
	"fmt"
	"slices"
	"strings"
)

// Area says which part of pgdeck can raise a rule. A rule may belong to
// several: fk-missing-index is found by the schema advisor and the index
// health pane alike, with the same id and the same fix.
type Area string

// The checking parts of pgdeck.
const (
	Schema      Area = "schema"      // pgdeck check, the Schema pane
	Plan        Area = "plan"        // pgdeck explain, the Plan pane
	Diagnostics Area = "diagnostics" // pgdeck inspect, the index health pane
	Migration   Area = "migration"   // pgdeck migrate lint
)

// Rule describes one rule id: its default severity and a one-line summary
// used by --help, the help overlay and the rules documentation.
type Rule struct {
	ID       string
	Severity Severity
	Areas    []Area
	Summary  string
}

// rules is the registry. It is a fixed table, not something packages add to
// at init time, so the whole set is readable in one place and a typo in an
// id is caught by a test rather than by a user.
var rules = []Rule{
	// Schema design (advisor, and the migration linter where it sees the same
	// thing in a CREATE/ALTER).
	{"fk-missing-index", Warning, []Area{Schema, Diagnostics, Plan}, "foreign key columns are not the leading columns of any index"},
	{"no-primary-key", Warning, []Area{Schema}, "table has no primary key"},
	{"float-money", Warning, []Area{Schema, Migration}, "money stored as real/double precision"},
	{"timestamp-without-tz", Warning, []Area{Schema, Migration}, "timestamp without time zone"},
	{"enum-like-text", Info, []Area{Schema}, "free-text column with few distinct values and no CHECK, enum or foreign key"},
	{"junction-missing-unique", Warning, []Area{Schema}, "link table without a unique constraint over its two foreign keys"},
	{"varchar-length", Info, []Area{Schema, Migration}, "varchar(n) where text with a CHECK is the PostgreSQL idiom"},
	{"char-type", Warning, []Area{Schema, Migration}, "char(n) pads with spaces"},
	{"serial-not-identity", Info, []Area{Schema, Migration}, "serial column where an identity column is the modern form"},
	{"int-pk-overflow-risk", Warning, []Area{Schema}, "integer key that can run out of values"},
	{"sequence-near-exhaustion", Error, []Area{Schema, Diagnostics}, "sequence has used most of its range"},
	{"duplicate-index", Warning, []Area{Schema, Diagnostics}, "index is a leading prefix of another index"},
	{"invalid-index", Error, []Area{Schema, Diagnostics}, "index is invalid (a failed concurrent build)"},
	{"missing-timestamps", Info, []Area{Schema}, "table has no created_at/updated_at columns"},
	{"nullable-fk", Info, []Area{Schema}, "foreign key column is nullable where the relationship looks required"},
	{"json-not-jsonb", Info, []Area{Schema, Migration}, "json column where jsonb is usually wanted"},

	// Plans.
	{"seq-scan-filter", Warning, []Area{Plan}, "sequential scan discards most rows of a large relation"},
	{"row-misestimate", Warning, []Area{Plan}, "planner row estimate off by 10x or more"},
	{"sort-spill", Warning, []Area{Plan}, "sort spilled to disk"},
	{"hash-batches", Warning, []Area{Plan}, "hash split into several batches"},
	{"nested-loop-inner-loops", Warning, []Area{Plan}, "nested loop runs its inner side many times"},
	{"lossy-bitmap", Info, []Area{Plan}, "bitmap heap scan went lossy"},
	{"heap-fetches", Info, []Area{Plan}, "index-only scan fetched many heap tuples"},
	{"workers-not-launched", Warning, []Area{Plan}, "fewer parallel workers launched than planned"},
	{"jit-dominates", Warning, []Area{Plan}, "JIT compilation took a large share of the execution time"},
	{"slow-trigger", Warning, []Area{Plan}, "a trigger took a large share of the execution time"},

	// Diagnostics.
	{"unused-index", Warning, []Area{Diagnostics}, "index never scanned since statistics were reset"},
	{"index-bloat", Warning, []Area{Diagnostics}, "index much larger than its contents need"},
	{"table-bloat", Warning, []Area{Diagnostics}, "table much larger than its contents need"},
	{"seq-scan-heavy-table", Warning, []Area{Diagnostics, Plan}, "table read mostly by sequential scans"},

	// Migrations.
	{"create-index-not-concurrently", Error, []Area{Migration}, "CREATE INDEX without CONCURRENTLY blocks writes"},
	{"drop-index-not-concurrently", Warning, []Area{Migration}, "DROP INDEX without CONCURRENTLY blocks reads and writes"},
	{"add-column-volatile-default", Error, []Area{Migration}, "ADD COLUMN with a volatile default rewrites the table"},
	{"add-column-required", Error, []Area{Migration}, "ADD COLUMN NOT NULL without a default fails on a non-empty table"},
	{"change-column-type", Error, []Area{Migration}, "ALTER COLUMN TYPE rewrites the table"},
	{"set-not-null", Warning, []Area{Migration}, "SET NOT NULL scans the table under ACCESS EXCLUSIVE"},
	{"constraint-not-valid-missing", Warning, []Area{Migration}, "constraint added without NOT VALID scans the table under lock"},
	{"unique-constraint-direct", Warning, []Area{Migration}, "unique constraint built directly instead of from a concurrent index"},
	{"drop-table", Error, []Area{Migration}, "DROP TABLE loses data"},
	{"drop-column", Error, []Area{Migration}, "DROP COLUMN loses data and breaks running code"},
	{"rename-column", Error, []Area{Migration}, "RENAME COLUMN breaks running code"},
	{"rename-table", Error, []Area{Migration}, "RENAME TABLE breaks running code"},
	{"delete-without-where", Error, []Area{Migration}, "DELETE without WHERE"},
	{"update-without-where", Error, []Area{Migration}, "UPDATE without WHERE"},
	{"truncate", Error, []Area{Migration}, "TRUNCATE loses data"},
	{"vacuum-full-or-cluster", Error, []Area{Migration}, "VACUUM FULL / CLUSTER rewrite under ACCESS EXCLUSIVE"},
	{"concurrently-in-transaction", Error, []Area{Migration}, "CONCURRENTLY cannot run inside a transaction"},
	{"missing-lock-timeout", Warning, []Area{Migration}, "lock-taking statement without lock_timeout"},
	{"prefer-bigint", Info, []Area{Migration}, "integer key where bigint avoids a later rewrite"},
	{"enum-value-used-in-same-transaction", Error, []Area{Migration}, "new enum value used in the transaction that added it"},
	{"not-analysed", Warning, []Area{Migration}, "statement the linter cannot see into (DO block, dynamic SQL)"},
	{"explicit-transaction", Error, []Area{Migration}, "BEGIN/COMMIT in a file its runner already wraps in a transaction"},
}

// Rules returns every registered rule, ordered by id.
func Rules() []Rule {
	out := slices.Clone(rules)
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// New builds a finding for a registered rule with its default severity.
// It panics on an unregistered id: that is a programming error that every
// rule's test hits at once, never user input.
func New(id, object, message, fix string) Finding {
	r, ok := Lookup(id)
	if !ok {
		panic(fmt.Sprintf("finding: rule %q is not registered in finding/rules.go", id))
	}
	return Finding{Rule: id, Severity: r.Severity, Object: object, Message: message, Fix: fix}
}

// ParseDisabled reads a --disable list ("a,b, c") into a set, rejecting
// ids that are not registered so a typo does not silently disable nothing.
func ParseDisabled(list string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if _, ok := Lookup(id); !ok {
			return nil, fmt.Errorf("unknown rule %q (see pgdeck rules)", id)
		}
		set[id] = true
	}
	return set, nil
}
