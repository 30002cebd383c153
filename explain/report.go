package explain

// Report is the JSON twin of an analysed plan (`pgdeck explain --format
// json`). Figures the plan does not have are null.
type Report struct {
	NodeCount       int           `json:"node_count"`
	PlanningTimeMS  *float64      `json:"planning_time_ms"`
	ExecutionTimeMS *float64      `json:"execution_time_ms"`
	QueryText       *string       `json:"query_text"`
	Nodes           []ReportNode  `json:"nodes"`
	Findings        []PlanFinding `json:"findings"`
}

// ReportNode is one node of a Report, in pre-order. NodeType and Relation
// are named as the JSON format names them (relation unqualified);
// InclusiveMS/ExclusiveMS are totals over all loops (wall-clock for
// parallel nodes); ActualRows and PlanRows are per loop as PostgreSQL
// prints them.
type ReportNode struct {
	ID                   int      `json:"id"`
	Parent               *int     `json:"parent"`
	Depth                int      `json:"depth"`
	NodeType             string   `json:"node_type"`
	Label                string   `json:"label"`
	Relation             *string  `json:"relation"`
	Schema               *string  `json:"schema"`
	Alias                *string  `json:"alias"`
	Index                *string  `json:"index"`
	JoinType             *string  `json:"join_type"`
	Strategy             *string  `json:"strategy"`
	ParallelAware        bool     `json:"parallel_aware"`
	ParentRelationship   *string  `json:"parent_relationship"`
	SubplanName          *string  `json:"subplan_name"`
	StartupCost          *float64 `json:"startup_cost"`
	TotalCost            *float64 `json:"total_cost"`
	InclusiveMS          *float64 `json:"inclusive_ms"`
	ExclusiveMS          *float64 `json:"exclusive_ms"`
	ExclusiveShare       *float64 `json:"exclusive_share"`
	ActualRows           *float64 `json:"actual_rows"`
	PlanRows             *float64 `json:"plan_rows"`
	Loops                *float64 `json:"loops"`
	MisestimateFactor    *float64 `json:"misestimate_factor"`
	MisestimateDirection *string  `json:"misestimate_direction"`
	RowsRemovedShare     *float64 `json:"rows_removed_share"`
	WorkersPlanned       *int     `json:"workers_planned"`
	WorkersLaunched      *int     `json:"workers_launched"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func fPtr(v float64) *float64 { return &v }

// NewReport builds the JSON twin of an analysed plan and its findings.
func NewReport(p *Plan, fs []PlanFinding) Report {
	r := Report{
		NodeCount:       len(p.Nodes),
		PlanningTimeMS:  p.PlanningMS,
		ExecutionTimeMS: p.ExecutionMS,
		QueryText:       strPtr(p.QueryText),
		Nodes:           make([]ReportNode, len(p.Nodes)),
		Findings:        fs,
	}
	if r.Findings == nil {
		r.Findings = []PlanFinding{}
	}
	for i, n := range p.Nodes {
		rn := ReportNode{
			ID: n.ID, Depth: n.Depth, NodeType: n.NodeType, Label: n.Label(),
			Relation: strPtr(n.Relation), Schema: strPtr(n.Schema), Alias: strPtr(n.Alias), Index: strPtr(n.Index),
			JoinType: strPtr(n.JoinType), Strategy: strPtr(n.Strategy), ParallelAware: n.ParallelAware,
			ParentRelationship: strPtr(n.ParentRelationship), SubplanName: strPtr(n.SubplanName),
			InclusiveMS: n.M.InclusiveMS, ExclusiveMS: n.M.ExclusiveMS,
			MisestimateFactor: n.M.MisestimateFactor, MisestimateDirection: strPtr(n.M.MisestimateDirection),
			RowsRemovedShare: n.M.RowsRemovedShare, WorkersPlanned: n.WorkersPlanned, WorkersLaunched: n.WorkersLaunched,
		}
		if n.Parent != nil {
			id := n.Parent.ID
			rn.Parent = &id
		}
		if n.HasCosts {
			rn.StartupCost, rn.TotalCost, rn.PlanRows = fPtr(n.StartupCost), fPtr(n.TotalCost), fPtr(n.PlanRows)
		}
		if n.HasActual {
			rn.ActualRows, rn.Loops = fPtr(n.ActualRows), fPtr(n.Loops)
		}
		if n.M.ExclusiveMS != nil {
			rn.ExclusiveShare = fPtr(n.M.Share)
		}
		r.Nodes[i] = rn
	}
	return r
}

// CompareReport is the JSON twin of a comparison (`pgdeck explain
// --compare BEFORE AFTER --format json`):
//
//	{"before": {plan summary}, "after": {plan summary},
//	 "summary": ["execution time 120.00 ms → 0.80 ms (150.0× faster)", …],
//	 "nodes": [{"status": "same|changed|added|removed", "before_id", "after_id",
//	            "before_label", "after_label", "before_inclusive_ms", "after_inclusive_ms",
//	            "before_actual_rows", "after_actual_rows", "before_plan_rows",
//	            "after_plan_rows", "before_total_cost", "after_total_cost",
//	            "changes": [...]}, …]}
//
// Ids are the node numbers of each plan's own report; a side a node does
// not exist on is null, as are figures a plan does not have.
type CompareReport struct {
	Before  PlanSummary   `json:"before"`
	After   PlanSummary   `json:"after"`
	Summary []string      `json:"summary"`
	Nodes   []CompareNode `json:"nodes"`
}

// PlanSummary are a compared plan's overall figures.
type PlanSummary struct {
	NodeCount       int      `json:"node_count"`
	PlanningTimeMS  *float64 `json:"planning_time_ms"`
	ExecutionTimeMS *float64 `json:"execution_time_ms"`
	TotalCost       *float64 `json:"total_cost"`
}

// CompareNode is one aligned pair of a CompareReport.
type CompareNode struct {
	Status            PairStatus `json:"status"`
	BeforeID          *int       `json:"before_id"`
	AfterID           *int       `json:"after_id"`
	BeforeLabel       *string    `json:"before_label"`
	AfterLabel        *string    `json:"after_label"`
	BeforeInclusiveMS *float64   `json:"before_inclusive_ms"`
	AfterInclusiveMS  *float64   `json:"after_inclusive_ms"`
	BeforeActualRows  *float64   `json:"before_actual_rows"`
	AfterActualRows   *float64   `json:"after_actual_rows"`
	BeforePlanRows    *float64   `json:"before_plan_rows"`
	AfterPlanRows     *float64   `json:"after_plan_rows"`
	BeforeTotalCost   *float64   `json:"before_total_cost"`
	AfterTotalCost    *float64   `json:"after_total_cost"`
	Changes           []string   `json:"changes"`
}

func summaryOf(p *Plan) PlanSummary {
	s := PlanSummary{NodeCount: len(p.Nodes), PlanningTimeMS: p.PlanningMS, ExecutionTimeMS: p.ExecutionMS}
	if p.Root.HasCosts {
		s.TotalCost = fPtr(p.Root.TotalCost)
	}
	return s
}

func side(n *Node) (id *int, label *string, inc, rows, est, cost *float64) {
	if n == nil {
		return
	}
	i, l := n.ID, n.Label()
	id, label, inc = &i, &l, n.M.InclusiveMS
	if n.HasActual {
		rows = fPtr(n.ActualRows)
	}
	if n.HasCosts {
		est, cost = fPtr(n.PlanRows), fPtr(n.TotalCost)
	}
	return
}

// NewCompareReport builds the JSON twin of a comparison.
func NewCompareReport(c *Comparison) CompareReport {
	r := CompareReport{Before: summaryOf(c.Before), After: summaryOf(c.After), Summary: c.Summary, Nodes: make([]CompareNode, len(c.Pairs))}
	if r.Summary == nil {
		r.Summary = []string{}
	}
	for i, p := range c.Pairs {
		cn := CompareNode{Status: p.Status, Changes: p.Changes}
		if cn.Changes == nil {
			cn.Changes = []string{}
		}
		cn.BeforeID, cn.BeforeLabel, cn.BeforeInclusiveMS, cn.BeforeActualRows, cn.BeforePlanRows, cn.BeforeTotalCost = side(p.Before)
		cn.AfterID, cn.AfterLabel, cn.AfterInclusiveMS, cn.AfterActualRows, cn.AfterPlanRows, cn.AfterTotalCost = side(p.After)
		r.Nodes[i] = cn
	}
	return r
}
