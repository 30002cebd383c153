// Package explain reads the EXPLAIN output of PostgreSQL 12–18, in TEXT
// and JSON format, into one model; derives per-node metrics (exclusive
// time, misestimates, buffers); raises findings with fixes; and compares
// two plans of the same query. It does no I/O: callers hand it the text.
//
// The model uses the JSON format's vocabulary as canonical: a text line
// "Parallel Seq Scan on tasks" becomes NodeType "Seq Scan" with
// ParallelAware set, "Partial HashAggregate" becomes "Aggregate" with
// Strategy "Hashed" and PartialMode "Partial", "Hash Left Join" becomes
// "Hash Join" with JoinType "Left".
package explain

// Format names the EXPLAIN output format a plan was read from.
type Format string

// The formats Parse understands.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// Plan is one parsed EXPLAIN output.
type Plan struct {
	Format Format
	// Root is the top plan node; Nodes lists every node in pre-order, so
	// Nodes[i].ID == i+1.
	Root  *Node
	Nodes []*Node
	// QueryText is the statement, when the output carried it (auto_explain,
	// a saved bundle or EXPLAIN VERBOSE of PG 17+ does not; JSON "Query Text").
	QueryText string
	// PlanningMS, ExecutionMS are nil when the output has no summary.
	PlanningMS  *float64
	ExecutionMS *float64
	// Analyzed reports whether the plan carries actual figures (ANALYZE).
	Analyzed bool
	// Timed is false for ANALYZE with TIMING OFF: rows but no times.
	Timed    bool
	Triggers []Trigger
	JIT      *JIT
	Settings []KV
	// PlanningBuffers are the buffers used by planning (PG 13+ BUFFERS).
	PlanningBuffers *Buffers
	// Extra holds plan-level lines not modelled above (Serialization,
	// Query Identifier, Memory…), in order.
	Extra []KV
}

// KV is one field as PostgreSQL printed it, for the detail panel.
type KV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Trigger is one trigger's time from EXPLAIN ANALYZE.
type Trigger struct {
	Name     string   `json:"name"`
	Relation string   `json:"relation"`
	TimeMS   *float64 `json:"time_ms"`
	Calls    float64  `json:"calls"`
}

// JIT summarises just-in-time compilation.
type JIT struct {
	Functions int      `json:"functions"`
	TotalMS   *float64 `json:"total_ms"`
	Options   string   `json:"options"`
	Timing    []KV     `json:"timing"`
}

// Buffers are the buffer counts and I/O times of a node (BUFFERS), inclusive
// of its children as PostgreSQL reports them.
type Buffers struct {
	SharedHit, SharedRead, SharedDirtied, SharedWritten int64
	LocalHit, LocalRead, LocalDirtied, LocalWritten     int64
	TempRead, TempWritten                               int64
	// IOReadMS and IOWriteMS are I/O timings (track_io_timing), summed
	// over shared/local/temp.
	IOReadMS, IOWriteMS float64
}

// Total is the number of blocks touched in any way.
func (b Buffers) Total() int64 {
	return b.SharedHit + b.SharedRead + b.SharedDirtied + b.SharedWritten +
		b.LocalHit + b.LocalRead + b.LocalDirtied + b.LocalWritten +
		b.TempRead + b.TempWritten
}

func (b Buffers) sub(c Buffers) Buffers {
	return Buffers{
		b.SharedHit - c.SharedHit, b.SharedRead - c.SharedRead, b.SharedDirtied - c.SharedDirtied, b.SharedWritten - c.SharedWritten,
		b.LocalHit - c.LocalHit, b.LocalRead - c.LocalRead, b.LocalDirtied - c.LocalDirtied, b.LocalWritten - c.LocalWritten,
		b.TempRead - c.TempRead, b.TempWritten - c.TempWritten,
		b.IOReadMS - c.IOReadMS, b.IOWriteMS - c.IOWriteMS,
	}
}

func (b Buffers) add(c Buffers) Buffers {
	return b.sub(Buffers{}.sub(c))
}

// Worker is one parallel worker's figures for a node.
type Worker struct {
	Number        int
	HasActual     bool
	ActualStartup float64
	ActualTotal   float64
	ActualRows    float64
	Loops         float64
	// Extra holds the worker's other fields (sort method, buffers…).
	Extra []KV
}

// Node is one plan node.
type Node struct {
	ID       int
	Parent   *Node
	Depth    int
	Children []*Node

	NodeType string
	// ParentRelationship is Outer, Inner, Member, Subquery, InitPlan or
	// SubPlan; SubplanName is e.g. "InitPlan 1", "SubPlan 2", "CTE recent".
	ParentRelationship string
	SubplanName        string
	ParallelAware      bool
	AsyncCapable       bool
	Strategy           string // Aggregate/SetOp: Plain, Sorted, Hashed, Mixed
	PartialMode        string // Aggregate: Simple, Partial, Finalize
	JoinType           string // Inner, Left, Full, Right, Semi, Anti, Right Semi, Right Anti
	Operation          string // ModifyTable/Foreign Scan: Insert, Update, Delete, Merge, Select
	Command            string // SetOp: Intersect, Intersect All, Except, Except All
	CustomProvider     string
	Relation           string
	Schema             string
	Alias              string
	Index              string
	ScanDirection      string
	CTEName            string
	FunctionName       string

	HasCosts    bool
	StartupCost float64
	TotalCost   float64
	PlanRows    float64
	PlanWidth   int

	// HasActual is set for ANALYZE; NeverExecuted for "never executed"
	// nodes (loops 0). HasTiming is false under TIMING OFF.
	HasActual     bool
	HasTiming     bool
	NeverExecuted bool
	ActualStartup float64
	ActualTotal   float64 // per loop, ms
	ActualRows    float64 // per loop
	Loops         float64

	Filter, IndexCond, RecheckCond, JoinFilter, HashCond, MergeCond string

	RowsRemovedByFilter      *float64
	RowsRemovedByJoinFilter  *float64
	RowsRemovedByRecheck     *float64
	HeapFetches              *float64
	ExactHeapBlocks          *int64
	LossyHeapBlocks          *int64
	SortMethod               string
	SortSpaceKB              *int64
	SortSpaceType            string // Memory or Disk
	HashBuckets, HashBatches *int64
	OriginalHashBatches      *int64
	PeakMemoryKB             *int64
	DiskUsageKB              *int64 // HashAggregate spill
	WorkersPlanned           *int
	WorkersLaunched          *int
	Buffers                  *Buffers
	Workers                  []Worker
	Output                   []string
	// Extra holds every field not modelled above, in the order printed.
	Extra []KV

	// M holds the derived metrics (see Analyze).
	M Metrics
}

// Label is the one-line name of a node the way the text format prints it
// ("Parallel Seq Scan on tasks t", "Hash Left Join", "Index Scan using
// tasks_pkey on tasks").
func (n *Node) Label() string { return textLabel(n) }
