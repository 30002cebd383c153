package explain

import (
	"fmt"
	"strconv"
	"strings"
)

// parseNodeLine reads a node line without its "->  ": the name, then the
// optional "(cost=… rows=… width=…)" and "(actual …)"/"(never executed)".
func parseNodeLine(s string) (*Node, error) {
	n := &Node{}
	name, rest := s, ""
	// "name  (cost=…)", or with COSTS OFF "name (actual …)".
	for _, marker := range []string{"  (cost=", " (actual ", " (never executed)"} {
		if i := strings.Index(s, marker); i >= 0 {
			name, rest = strings.TrimRight(s[:i], " "), s[i+1:]
			rest = strings.TrimPrefix(rest, " ")
			break
		}
	}
	if strings.HasPrefix(rest, "(cost=") {
		c := cursor{s: rest[len("(cost="):], ok: true}
		n.StartupCost = c.num()
		c.lit("..")
		n.TotalCost = c.num()
		c.lit(" rows=")
		n.PlanRows = c.num()
		c.lit(" width=")
		n.PlanWidth = int(c.num())
		c.lit(")")
		if !c.ok {
			return nil, fmt.Errorf("malformed cost in %q", s)
		}
		n.HasCosts = true
		rest = strings.TrimPrefix(c.s, " ")
	}
	if rest != "" {
		if err := parseActual(rest, n); err != nil {
			return nil, fmt.Errorf("%w in %q", err, s)
		}
	}
	if !parseTextName(name, n) {
		return nil, fmt.Errorf("unknown plan node %q", name)
	}
	return n, nil
}

// parseActual reads "(actual time=a..b rows=r loops=l)", its TIMING OFF
// form "(actual rows=r loops=l)", or "(never executed)".
func parseActual(s string, n *Node) error {
	if s == "(never executed)" {
		n.HasActual, n.NeverExecuted = true, true
		return nil
	}
	c := cursor{s: s, ok: true}
	c.lit("(actual ")
	if strings.HasPrefix(c.s, "time=") {
		c.lit("time=")
		n.ActualStartup = c.num()
		c.lit("..")
		n.ActualTotal = c.num()
		c.lit(" ")
		n.HasTiming = true
	}
	c.lit("rows=")
	n.ActualRows = c.num()
	c.lit(" loops=")
	n.Loops = c.num()
	c.lit(")")
	if !c.ok || c.s != "" {
		return fmt.Errorf("malformed actual figures")
	}
	n.HasActual = true
	return nil
}

// cursor consumes a string piece by piece; the first mismatch clears ok
// and every later call is a no-op.
type cursor struct {
	s  string
	ok bool
}

func (c *cursor) lit(p string) {
	if c.ok && strings.HasPrefix(c.s, p) {
		c.s = c.s[len(p):]
		return
	}
	c.ok = false
}

func (c *cursor) num() float64 {
	if !c.ok {
		return 0
	}
	i := 0
	for i < len(c.s) && (c.s[i] >= '0' && c.s[i] <= '9' || c.s[i] == '-' || (c.s[i] == '.' && !strings.HasPrefix(c.s[i:], ".."))) {
		i++
	}
	v, ok := parseNum(c.s[:i])
	if !ok {
		c.ok = false
		return 0
	}
	c.s = c.s[i:]
	return v
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseNum parses a decimal number without allocating for the common
// forms (digits with an optional fraction); others go to strconv.
func parseNum(s string) (float64, bool) {
	neg := strings.HasPrefix(s, "-")
	t := strings.TrimPrefix(s, "-")
	var mant uint64
	digits, frac, dot := 0, 0, false
	for i := 0; i < len(t); i++ {
		ch := t[i]
		switch {
		case ch >= '0' && ch <= '9':
			mant = mant*10 + uint64(ch-'0')
			digits++
			if dot {
				frac++
			}
		case ch == '.' && !dot:
			dot = true
		default:
			digits = 99
		}
	}
	if digits == 0 || digits > 15 || frac >= len(pow10) {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

func parseFloatPtr(s string) *float64 {
	v, ok := parseNum(strings.TrimSpace(s))
	if !ok {
		return nil
	}
	return &v
}

func parseIntPtr(s string) *int64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "kB")
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil
	}
	return &v
}

func splitKV(body string) KV {
	k, v, _ := strings.Cut(body, ": ")
	return KV{Key: k, Value: strings.TrimSpace(v)}
}

// segments splits "Buckets: 1024  Batches: 1  Memory Usage: 9kB" into its
// key/value pairs.
func segments(body string) []KV {
	parts := strings.Split(body, "  ")
	out := make([]KV, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, splitKV(p))
		}
	}
	return out
}

// nodeDetail reads one detail line of a node.
func nodeDetail(n *Node, body string, worker **Worker) error {
	kv := splitKV(body)
	v := kv.Value
	switch kv.Key {
	case "Filter":
		n.Filter = v
	case "Index Cond":
		n.IndexCond = v
	case "Recheck Cond":
		n.RecheckCond = v
	case "Join Filter":
		n.JoinFilter = v
	case "Hash Cond":
		n.HashCond = v
	case "Merge Cond":
		n.MergeCond = v
	case "Rows Removed by Filter":
		n.RowsRemovedByFilter = parseFloatPtr(v)
	case "Rows Removed by Join Filter":
		n.RowsRemovedByJoinFilter = parseFloatPtr(v)
	case "Rows Removed by Index Recheck":
		n.RowsRemovedByRecheck = parseFloatPtr(v)
	case "Heap Fetches":
		n.HeapFetches = parseFloatPtr(v)
	case "Workers Planned":
		w := int(deref(parseFloatPtr(v)))
		n.WorkersPlanned = &w
	case "Workers Launched":
		w := int(deref(parseFloatPtr(v)))
		n.WorkersLaunched = &w
	case "Output":
		n.Output = splitTopLevel(v)
	case "Buffers":
		n.Buffers = orNew(n.Buffers)
		return parseTextBuffers(v, n.Buffers)
	case "I/O Timings":
		n.Buffers = orNew(n.Buffers)
		parseTextIO(v, n.Buffers)
	case "Heap Blocks":
		for _, f := range strings.Fields(v) {
			k, val, _ := strings.Cut(f, "=")
			switch k {
			case "exact":
				n.ExactHeapBlocks = parseIntPtr(val)
			case "lossy":
				n.LossyHeapBlocks = parseIntPtr(val)
			}
		}
	case "Sort Method", "Buckets", "Batches", "Planned Partitions":
		for _, s := range segments(body) {
			memoryDetail(n, s)
		}
	default:
		if num, ok := strings.CutPrefix(kv.Key, "Worker "); ok {
			return workerDetail(n, num, v, worker)
		}
		n.Extra = append(n.Extra, kv)
	}
	return nil
}

func memoryDetail(n *Node, s KV) {
	v, orig, _ := strings.Cut(s.Value, " (originally ")
	switch s.Key {
	case "Sort Method":
		n.SortMethod = v
	case "Memory", "Disk":
		n.SortSpaceKB, n.SortSpaceType = parseIntPtr(v), s.Key
	case "Buckets":
		n.HashBuckets = parseIntPtr(v)
	case "Batches":
		n.HashBatches = parseIntPtr(v)
		n.OriginalHashBatches = n.HashBatches
		if orig != "" {
			n.OriginalHashBatches = parseIntPtr(strings.TrimSuffix(orig, ")"))
		}
	case "Memory Usage":
		n.PeakMemoryKB = parseIntPtr(v)
	case "Disk Usage":
		n.DiskUsageKB = parseIntPtr(v)
	default:
		n.Extra = append(n.Extra, s)
	}
}

func workerDetail(n *Node, num, v string, worker **Worker) error {
	k, err := strconv.Atoi(num)
	if err != nil {
		return fmt.Errorf("bad worker number %q", num)
	}
	var w *Worker
	for i := range n.Workers {
		if n.Workers[i].Number == k {
			w = &n.Workers[i]
		}
	}
	if w == nil {
		n.Workers = append(n.Workers, Worker{Number: k})
		w = &n.Workers[len(n.Workers)-1]
	}
	*worker = w
	if strings.HasPrefix(v, "actual ") {
		var tmp Node
		if err := parseActual("("+v+")", &tmp); err != nil {
			return fmt.Errorf("worker %d: %w", k, err)
		}
		w.HasActual, w.ActualStartup, w.ActualTotal, w.ActualRows, w.Loops = true, tmp.ActualStartup, tmp.ActualTotal, tmp.ActualRows, tmp.Loops
		return nil
	}
	w.Extra = append(w.Extra, segments(v)...)
	return nil
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func orNew(b *Buffers) *Buffers {
	if b == nil {
		return &Buffers{}
	}
	return b
}

// parseTextBuffers reads "shared hit=1 read=2, local hit=3, temp read=4
// written=5".
func parseTextBuffers(v string, b *Buffers) error {
	for _, group := range strings.Split(v, ", ") {
		fields := strings.Fields(group)
		if len(fields) < 2 {
			return fmt.Errorf("malformed Buffers line %q", v)
		}
		for _, f := range fields[1:] {
			k, val, _ := strings.Cut(f, "=")
			x, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return fmt.Errorf("malformed Buffers figure %q", f)
			}
			if p := bufferField(b, fields[0], k); p != nil {
				*p = x
			}
		}
	}
	return nil
}

func bufferField(b *Buffers, kind, k string) *int64 {
	switch kind + " " + k {
	case "shared hit":
		return &b.SharedHit
	case "shared read":
		return &b.SharedRead
	case "shared dirtied":
		return &b.SharedDirtied
	case "shared written":
		return &b.SharedWritten
	case "local hit":
		return &b.LocalHit
	case "local read":
		return &b.LocalRead
	case "local dirtied":
		return &b.LocalDirtied
	case "local written":
		return &b.LocalWritten
	case "temp read":
		return &b.TempRead
	case "temp written":
		return &b.TempWritten
	}
	return nil
}

// parseTextIO reads "I/O Timings: shared read=1.2 write=0.3, temp read=…"
// (PG 15+) or "read=1.2 write=0.3" (PG 12–14), summing over kinds.
func parseTextIO(v string, b *Buffers) {
	for _, f := range strings.Fields(strings.ReplaceAll(v, ",", " ")) {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		x, _ := parseNum(val)
		switch k {
		case "read":
			b.IOReadMS += x
		case "write":
			b.IOWriteMS += x
		}
	}
}

// splitTopLevel splits an Output list at commas outside parentheses,
// brackets and quotes.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '(' || ch == '[':
			depth++
		case ch == ')' || ch == ']':
			depth--
		case ch == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}
