package explain

import (
	"fmt"

	"github.com/pgdeck/pgdeck/finding"
)

// workMemFix suggests a work_mem for the session that would hold needKB,
// rounded up to a power of two megabytes.
func workMemFix(needKB float64) string {
	mb := 1
	for float64(mb*1024) < needKB && mb < 1<<20 {
		mb *= 2
	}
	return fmt.Sprintf("SET work_mem = '%dMB';  -- for this session or transaction only (SET LOCAL)", mb)
}

func memory(n *Node, add addFunc) {
	if n.SortSpaceType == "Disk" {
		kb := float64(0)
		if n.SortSpaceKB != nil {
			kb = float64(*n.SortSpaceKB)
		}
		add(n, "sort-spill", object(n), fmt.Sprintf("%s spilled %.0f kB to disk (%s): work_mem was too small to sort in memory", n.Label(), kb, n.SortMethod), workMemFix(kb*2))
	}
	if n.HashBatches != nil && *n.HashBatches > 1 {
		peak := float64(0)
		if n.PeakMemoryKB != nil {
			peak = float64(*n.PeakMemoryKB)
		}
		msg := fmt.Sprintf("%s split into %d batches (peak memory %.0f kB): the hash table did not fit in work_mem and spilled to temporary files", n.Label(), *n.HashBatches, peak)
		need := peak * float64(*n.HashBatches)
		if n.DiskUsageKB != nil {
			need = max(need, float64(*n.DiskUsageKB)*2)
		}
		add(n, "hash-batches", object(n), msg, workMemFix(need))
	}
	if n.LossyHeapBlocks != nil && *n.LossyHeapBlocks > 0 {
		exact := int64(0)
		if n.ExactHeapBlocks != nil {
			exact = *n.ExactHeapBlocks
		}
		pages := float64(exact + *n.LossyHeapBlocks)
		add(n, "lossy-bitmap", object(n), fmt.Sprintf("%s went lossy for %d of %.0f heap blocks: every row of those blocks was rechecked (%s rows removed by recheck)",
			n.Label(), *n.LossyHeapBlocks, pages, fmtRows(deref(n.RowsRemovedByRecheck))), workMemFix(pages*64/1024*2))
	}
	if n.NodeType == "Index Only Scan" && n.HeapFetches != nil && n.HasActual {
		f := *n.HeapFetches
		if f >= HeapFetchesMin && f >= HeapFetchesShare*max(n.M.TotalRows, 1) {
			add(n, "heap-fetches", object(n), fmt.Sprintf("%s fetched %.0f rows from the heap: the visibility map is out of date, so the scan is not index-only", n.Label(), f),
				"VACUUM (ANALYZE) "+finding.Qualified(n.Schema, n.Relation)+";")
		}
	}
}

// innerSide returns the inner child of a join: the second child that is
// not an InitPlan or SubPlan.
func innerSide(n *Node) *Node {
	k := 0
	for _, c := range n.Children {
		if c.ParentRelationship == "InitPlan" || c.ParentRelationship == "SubPlan" {
			continue
		}
		if k == 1 {
			return c
		}
		k++
	}
	return nil
}

func innerLoops(p *Plan, n *Node, add addFunc) {
	if n.NodeType != "Nested Loop" {
		return
	}
	in := innerSide(n)
	if in == nil || !in.HasActual || in.Loops < NestedLoopMinLoops {
		return
	}
	share := -1.0
	if in.M.InclusiveMS != nil && p.Root.M.InclusiveMS != nil && *p.Root.M.InclusiveMS > 0 {
		// Per-loop times are printed to the microsecond, so thousands of
		// short loops can add up to more than the whole: cap at 100%.
		share = min(*in.M.InclusiveMS / *p.Root.M.InclusiveMS, 1)
		if share < NestedLoopMinShare {
			return
		}
	}
	msg := fmt.Sprintf("%s ran its inner side (%s, node %d) %.0f times", n.Label(), in.Label(), in.ID, in.Loops)
	if share >= 0 {
		msg += fmt.Sprintf(", %.0f%% of the plan's time", share*100)
	}
	fix := ""
	scan := in
	for scan.NodeType == "Memoize" || scan.NodeType == "Materialize" {
		if len(scan.Children) == 0 {
			break
		}
		scan = scan.Children[0]
	}
	if scan.NodeType == "Seq Scan" && scan.Filter != "" {
		if fc, err := ParseScanFilter(scan.Filter, scan.Alias); err == nil && len(fc.IndexColumns()) > 0 {
			fix = CreateIndexSQL(scan.Schema, scan.Relation, fc.IndexColumns())
			msg += "; each loop scans the whole table"
		}
	}
	if fix == "" {
		msg += "; a hash join reads each side once — check the row estimate of the outer side, which made the planner choose a nested loop"
	}
	add(n, "nested-loop-inner-loops", object(in), msg, fix)
}

func workers(n *Node, add addFunc) {
	if n.WorkersPlanned == nil || n.WorkersLaunched == nil || *n.WorkersLaunched >= *n.WorkersPlanned {
		return
	}
	add(n, "workers-not-launched", "", fmt.Sprintf("%s planned %d parallel workers but launched %d: the pool of background workers was exhausted, so the query ran with less parallelism than planned",
		n.Label(), *n.WorkersPlanned, *n.WorkersLaunched), "SHOW max_parallel_workers;  -- raise max_parallel_workers / max_worker_processes if busy")
}

func planRules(p *Plan, add addFunc) {
	if p.ExecutionMS == nil || *p.ExecutionMS <= 0 {
		return
	}
	exec := *p.ExecutionMS
	if j := p.JIT; j != nil && j.TotalMS != nil && *j.TotalMS >= JITMinMS && *j.TotalMS >= JITShare*exec {
		add(nil, "jit-dominates", "", fmt.Sprintf("JIT compilation of %d functions took %.1f ms of %.1f ms execution (%.0f%%): the query is too short for JIT to pay off",
			j.Functions, *j.TotalMS, exec, 100**j.TotalMS/exec), "SET jit = off;  -- or raise jit_above_cost")
	}
	for _, t := range p.Triggers {
		if t.TimeMS == nil || *t.TimeMS < TriggerMinMS || *t.TimeMS < TriggerShare*exec {
			continue
		}
		obj := t.Relation
		add(nil, "slow-trigger", obj, fmt.Sprintf("trigger %s took %.1f ms over %.0f calls (%.0f%% of execution)", t.Name, *t.TimeMS, t.Calls, 100**t.TimeMS/exec), "")
	}
}
