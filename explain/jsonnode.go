package explain

// node reads one JSON plan node and its "Plans".
func (l *jsonLexer) node() (*Node, error) {
	n := &Node{}
	err := l.object(func(k string) error {
		if ok, err := l.nodeString(n, k); ok || err != nil {
			return err
		}
		if ok, err := l.nodeNumber(n, k); ok || err != nil {
			return err
		}
		if k == "Shared Hit Blocks" && n.Buffers == nil {
			n.Buffers = &Buffers{}
		}
		if n.Buffers != nil {
			if ok, err := l.bufferKey(n.Buffers, k); ok || err != nil {
				return err
			}
		}
		var err error
		switch k {
		case "Parallel Aware":
			n.ParallelAware, err = l.boolean()
		case "Async Capable":
			n.AsyncCapable, err = l.boolean()
		case "Actual Startup Time":
			n.ActualStartup, err = l.num()
		case "Actual Total Time":
			n.HasTiming = true
			n.ActualTotal, err = l.num()
		case "Actual Rows":
			n.HasActual = true
			n.ActualRows, err = l.num()
		case "Output":
			err = l.array(func() error {
				s, err := l.scalarText()
				n.Output = append(n.Output, s)
				return err
			})
		case "Workers":
			err = l.array(func() error {
				w, err := l.worker()
				n.Workers = append(n.Workers, w)
				return err
			})
		case "Plans":
			err = l.array(func() error {
				c, err := l.node()
				if c != nil {
					n.Children = append(n.Children, c)
				}
				return err
			})
		default:
			var v string
			v, err = l.scalarText()
			n.Extra = append(n.Extra, KV{k, v})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if n.NodeType == "" {
		return nil, l.errorf("plan node without \"Node Type\"")
	}
	if n.HasActual && n.Loops == 0 {
		// As in the text form, a node that never ran has no figures.
		n.NeverExecuted, n.HasTiming = true, false
	}
	return n, nil
}

func (l *jsonLexer) nodeString(n *Node, k string) (bool, error) {
	var p *string
	switch k {
	case "Node Type":
		p = &n.NodeType
	case "Parent Relationship":
		p = &n.ParentRelationship
	case "Subplan Name":
		p = &n.SubplanName
	case "Strategy":
		p = &n.Strategy
	case "Partial Mode":
		p = &n.PartialMode
	case "Join Type":
		p = &n.JoinType
	case "Operation":
		p = &n.Operation
	case "Command":
		p = &n.Command
	case "Custom Plan Provider":
		p = &n.CustomProvider
	case "Relation Name":
		p = &n.Relation
	case "Schema":
		p = &n.Schema
	case "Alias":
		p = &n.Alias
	case "Index Name":
		p = &n.Index
	case "Scan Direction":
		p = &n.ScanDirection
	case "CTE Name":
		p = &n.CTEName
	case "Function Name":
		p = &n.FunctionName
	case "Filter":
		p = &n.Filter
	case "Index Cond":
		p = &n.IndexCond
	case "Recheck Cond":
		p = &n.RecheckCond
	case "Join Filter":
		p = &n.JoinFilter
	case "Hash Cond":
		p = &n.HashCond
	case "Merge Cond":
		p = &n.MergeCond
	case "Sort Method":
		p = &n.SortMethod
	case "Sort Space Type":
		p = &n.SortSpaceType
	default:
		return false, nil
	}
	var err error
	*p, err = l.scalarText()
	return true, err
}

func (l *jsonLexer) nodeNumber(n *Node, k string) (bool, error) {
	var err error
	switch k {
	case "Startup Cost":
		n.HasCosts = true
		n.StartupCost, err = l.num()
	case "Total Cost":
		n.TotalCost, err = l.num()
	case "Plan Rows":
		n.PlanRows, err = l.num()
	case "Plan Width":
		var w float64
		w, err = l.num()
		n.PlanWidth = int(w)
	case "Actual Loops":
		n.Loops, err = l.num()
	case "Rows Removed by Filter":
		n.RowsRemovedByFilter, err = l.numPtr()
	case "Rows Removed by Join Filter":
		n.RowsRemovedByJoinFilter, err = l.numPtr()
	case "Rows Removed by Index Recheck":
		n.RowsRemovedByRecheck, err = l.numPtr()
	case "Heap Fetches":
		n.HeapFetches, err = l.numPtr()
	case "Exact Heap Blocks":
		n.ExactHeapBlocks, err = l.intPtr()
	case "Lossy Heap Blocks":
		n.LossyHeapBlocks, err = l.intPtr()
	case "Sort Space Used":
		n.SortSpaceKB, err = l.intPtr()
	case "Hash Buckets":
		n.HashBuckets, err = l.intPtr()
	case "Hash Batches", "HashAgg Batches":
		n.HashBatches, err = l.intPtr()
	case "Original Hash Batches":
		n.OriginalHashBatches, err = l.intPtr()
	case "Peak Memory Usage":
		n.PeakMemoryKB, err = l.intPtr()
	case "Disk Usage":
		n.DiskUsageKB, err = l.intPtr()
	case "Workers Planned", "Workers Launched":
		var f float64
		f, err = l.num()
		w := int(f)
		if k == "Workers Planned" {
			n.WorkersPlanned = &w
		} else {
			n.WorkersLaunched = &w
		}
	default:
		return false, nil
	}
	return true, err
}

func (l *jsonLexer) worker() (Worker, error) {
	var w Worker
	err := l.object(func(k string) error {
		var err error
		switch k {
		case "Worker Number":
			var f float64
			f, err = l.num()
			w.Number = int(f)
		case "Actual Startup Time":
			w.ActualStartup, err = l.num()
		case "Actual Total Time":
			w.ActualTotal, err = l.num()
		case "Actual Rows":
			w.HasActual = true
			w.ActualRows, err = l.num()
		case "Actual Loops":
			w.Loops, err = l.num()
		default:
			var v string
			v, err = l.scalarText()
			w.Extra = append(w.Extra, KV{k, v})
		}
		return err
	})
	return w, err
}
