package demo

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
)

// Names of the planted problems, so tests elsewhere can assert that a pane
// or an advisor finds them. All objects are in the public schema. Each one
// is explained by a "PLANTED" comment in the SQL that creates it.
const (
	// PlantedUnindexedFK is a foreign key whose column (PlantedUnindexedFKTable.
	// PlantedUnindexedFKColumn) is not the leading column of any index; it is
	// the column SlowQuery filters on (rule fk-missing-index).
	PlantedUnindexedFK       = "tasks_assignee_id_fkey"
	PlantedUnindexedFKTable  = "tasks"
	PlantedUnindexedFKColumn = "assignee_id"

	// PlantedDuplicateIndex is a leading prefix of PlantedDuplicateIndexOf,
	// same method, no predicate (rule duplicate-index).
	PlantedDuplicateIndex   = "tasks_project_id_idx"
	PlantedDuplicateIndexOf = "tasks_project_id_status_idx"

	// PlantedUnusedIndex is never scanned by the workload (rule
	// unused-index). Every other non-unique index is scanned by Workload.
	PlantedUnusedIndex = "tasks_completed_at_idx"

	// PlantedBloatedIndex has most of its leaf pages empty after a mass
	// delete and VACUUM (rule index-bloat). Its table,
	// PlantedBloatedTable, is bloated too (rule table-bloat).
	PlantedBloatedIndex = "activity_logs_task_id_occurred_at_idx"
	PlantedBloatedTable = "activity_logs"

	// PlantedFloatMoneyTable.PlantedFloatMoneyColumn is a money column in
	// double precision (rule float-money).
	PlantedFloatMoneyTable  = "projects"
	PlantedFloatMoneyColumn = "budget"

	// PlantedTimestampTable.PlantedTimestampColumn is a timestamp without
	// time zone (rule timestamp-without-tz).
	PlantedTimestampTable  = "users"
	PlantedTimestampColumn = "last_seen_at"

	// PlantedEnumLikeTable.PlantedEnumLikeColumn is free text with five
	// distinct values and no CHECK, enum or foreign key (rule enum-like-text).
	PlantedEnumLikeTable  = "tasks"
	PlantedEnumLikeColumn = "status"

	// PlantedNoPrimaryKey is a table without a primary key (rule
	// no-primary-key).
	PlantedNoPrimaryKey = "activity_logs"

	// PlantedJunctionMissingUnique links organizations and users through
	// two foreign keys (PlantedJunctionColumns) with no unique constraint
	// over both (rule junction-missing-unique).
	PlantedJunctionMissingUnique = "memberships"

	// PlantedJSONTable.PlantedJSONColumn is json rather than jsonb (rule
	// json-not-jsonb).
	PlantedJSONTable  = "projects"
	PlantedJSONColumn = "settings"
)

// PlantedJunctionColumns are the two foreign-key columns of
// PlantedJunctionMissingUnique that no unique constraint covers.
var PlantedJunctionColumns = []string{"organization_id", "user_id"}

// Well-designed twins of the planted problems: advisors must report
// nothing about them.
const (
	TwinJunction       = "task_tags"     // primary key over both foreign keys
	TwinMoneyTable     = "organizations" // monthly_fee numeric(12,2)
	TwinMoneyColumn    = "monthly_fee"
	TwinEnumLikeTable  = "tasks" // priority: text with a CHECK
	TwinEnumLikeColumn = "priority"
	TwinJSONTable      = "activity_logs" // payload jsonb
	TwinJSONColumn     = "payload"
	TwinIndexedFK      = "tasks_project_id_fkey" // indexed foreign key
)

// SlowQuery is the planted full-table-scan query: "my open tasks" filters on
// the unindexed foreign key tasks.assignee_id. Workload runs it at least
// SlowQueryCalls times with different users; an index on
// (assignee_id) turns its Seq Scan into an Index Scan.
const SlowQuery = `SELECT id, title, status, priority, due_at
FROM tasks
WHERE assignee_id = $1 AND status <> $2
ORDER BY due_at NULLS LAST
LIMIT 50`

// SlowQueryCalls is how many times Workload runs SlowQuery.
const SlowQueryCalls = 120

// SlowQueryArgs are parameters for SlowQuery that select one user's open
// tasks (about 20 rows): a uuid in text form and a status.
var SlowQueryArgs = []any{UserID(42), "done"}

// UserID returns the id of the demo's user number n (1 to Users), which
// Load derives deterministically from n.
func UserID(n int) string {
	sum := md5.Sum([]byte("pgdeck-demo-user-" + strconv.Itoa(n)))
	h := hex.EncodeToString(sum[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Row counts of the generated data (activity_logs is reduced by the
// retention delete to roughly a third of ActivityLogsInserted).
const (
	Organizations        = 200
	Users                = 5000
	Projects             = 2000
	Tasks                = 150000
	Comments             = 150000
	ActivityLogsInserted = 300000
)
