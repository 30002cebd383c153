package explain

import (
	"strings"

	"github.com/pgdeck/pgdeck/finding"
)

// simpleTypes are node types whose text name is exactly the JSON Node Type
// and that name no relation.
var simpleTypes = map[string]bool{
	"Result": true, "ProjectSet": true, "Append": true, "Merge Append": true,
	"Recursive Union": true, "BitmapAnd": true, "BitmapOr": true, "Gather": true,
	"Gather Merge": true, "Materialize": true, "Memoize": true, "Sort": true,
	"Incremental Sort": true, "Group": true, "WindowAgg": true, "Unique": true,
	"Hash": true, "LockRows": true, "Limit": true,
}

// scanTypes are node types printed as "<type> on <target>".
var scanTypes = []string{
	"Seq Scan", "Sample Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan",
	"Bitmap Index Scan", "Tid Scan", "Tid Range Scan", "Subquery Scan", "Function Scan",
	"Table Function Scan", "Values Scan", "CTE Scan", "Named Tuplestore Scan",
	"WorkTable Scan", "Foreign Scan",
}

var aggNames = map[string]string{
	"Aggregate": "Plain", "GroupAggregate": "Sorted", "HashAggregate": "Hashed", "MixedAggregate": "Mixed",
}

var joinTypes = map[string]bool{
	"Left": true, "Full": true, "Right": true, "Semi": true, "Anti": true, "Right Semi": true, "Right Anti": true,
}

// parseTextName fills the type fields of n from a text node name such as
// "Parallel Index Scan Backward using tasks_pkey on public.tasks t". It
// reports false for a name it does not recognise.
func parseTextName(name string, n *Node) bool {
	rest := name
	for {
		if r, ok := strings.CutPrefix(rest, "Parallel "); ok {
			n.ParallelAware, rest = true, r
			continue
		}
		if r, ok := strings.CutPrefix(rest, "Async "); ok {
			n.AsyncCapable, rest = true, r
			continue
		}
		break
	}
	if simpleTypes[rest] {
		n.NodeType = rest
		return true
	}
	if parseJoinName(rest, n) || parseAggName(rest, n) {
		return true
	}
	for _, op := range []string{"SetOp ", "HashSetOp "} {
		if cmd, ok := strings.CutPrefix(rest, op); ok {
			n.NodeType, n.Command, n.Strategy = "SetOp", cmd, "Sorted"
			if op == "HashSetOp " {
				n.Strategy = "Hashed"
			}
			return true
		}
	}
	for _, op := range []string{"Insert", "Update", "Delete", "Merge"} {
		if target, ok := strings.CutPrefix(rest, op+" on "); ok {
			n.NodeType, n.Operation = "ModifyTable", op
			return parseTarget(target, n, "Relation")
		}
		if target, ok := strings.CutPrefix(rest, "Foreign "+op+" on "); ok {
			n.NodeType, n.Operation = "Foreign Scan", op
			return parseTarget(target, n, "Relation")
		}
	}
	if p, ok := strings.CutPrefix(rest, "Custom Scan ("); ok {
		i := strings.Index(p, ")")
		if i < 0 {
			return false
		}
		n.NodeType, n.CustomProvider = "Custom Scan", p[:i]
		if t, ok := strings.CutPrefix(p[i+1:], " on "); ok {
			return parseTarget(t, n, "Relation")
		}
		return p[i+1:] == ""
	}
	for _, st := range scanTypes {
		r, ok := strings.CutPrefix(rest, st)
		if !ok || (r != "" && r[0] != ' ') {
			continue
		}
		n.NodeType = st
		return parseScanRest(st, r, n)
	}
	return false
}

func parseJoinName(rest string, n *Node) bool {
	if rest == "Nested Loop" {
		n.NodeType, n.JoinType = "Nested Loop", "Inner"
		return true
	}
	base, ok := strings.CutSuffix(rest, " Join")
	if !ok {
		return false
	}
	for _, kind := range []string{"Nested Loop", "Hash", "Merge"} {
		jt, ok := strings.CutPrefix(base, kind)
		if !ok || (jt != "" && jt[0] != ' ') {
			continue
		}
		jt = strings.TrimSpace(jt)
		switch {
		case jt == "" && kind != "Nested Loop":
			jt = "Inner"
		case !joinTypes[jt]:
			return false
		}
		n.NodeType, n.JoinType = kind+" Join", jt
		if kind == "Nested Loop" {
			n.NodeType = kind
		}
		return true
	}
	return false
}

func parseAggName(rest string, n *Node) bool {
	mode := "Simple"
	if r, ok := strings.CutPrefix(rest, "Partial "); ok {
		mode, rest = "Partial", r
	} else if r, ok := strings.CutPrefix(rest, "Finalize "); ok {
		mode, rest = "Finalize", r
	}
	st, ok := aggNames[rest]
	if !ok {
		return false
	}
	n.NodeType, n.Strategy, n.PartialMode = "Aggregate", st, mode
	return true
}

// parseScanRest reads what follows a scan type: " Backward", " using
// idx", " on target".
func parseScanRest(st, r string, n *Node) bool {
	if st == "Index Scan" || st == "Index Only Scan" {
		n.ScanDirection = "Forward"
		if x, ok := strings.CutPrefix(r, " Backward"); ok {
			n.ScanDirection, r = "Backward", x
		}
		x, ok := strings.CutPrefix(r, " using ")
		if !ok {
			return false
		}
		idx, tail, ok := readIdent(x)
		if !ok {
			return false
		}
		n.Index, r = idx, tail
	}
	if r == "" {
		return true
	}
	t, ok := strings.CutPrefix(r, " on ")
	if !ok {
		return false
	}
	switch st {
	case "Bitmap Index Scan":
		idx, tail, ok := readIdent(t)
		n.Index = idx
		return ok && tail == ""
	case "Function Scan":
		return parseTarget(t, n, "Function")
	case "CTE Scan", "WorkTable Scan":
		return parseTarget(t, n, "CTE")
	case "Subquery Scan", "Values Scan", "Table Function Scan", "Named Tuplestore Scan":
		return parseTarget(t, n, "")
	}
	return parseTarget(t, n, "Relation")
}

// parseTarget reads "[schema.]object [alias]" (each part quoted as
// quote_identifier does) into the field named by kind; with kind "" the
// single name is the alias.
func parseTarget(t string, n *Node, kind string) bool {
	first, rest, ok := readIdent(t)
	if !ok {
		return false
	}
	schema, obj := "", first
	if r, ok := strings.CutPrefix(rest, "."); ok {
		second, tail, ok := readIdent(r)
		if !ok {
			return false
		}
		schema, obj, rest = first, second, tail
	}
	alias := obj
	if r, ok := strings.CutPrefix(rest, " "); ok {
		a, tail, ok := readIdent(r)
		if !ok || tail != "" {
			return false
		}
		alias = a
	} else if rest != "" {
		return false
	}
	n.Schema, n.Alias = schema, alias
	switch kind {
	case "Relation":
		n.Relation = obj
	case "Function":
		n.FunctionName = obj
	case "CTE":
		n.CTEName = obj
	default:
		n.Alias = obj
		if schema != "" || alias != obj {
			return false
		}
	}
	return true
}

// readIdent reads one identifier, bare or double-quoted, from the start of
// s and returns it unquoted with the rest of s.
func readIdent(s string) (string, string, bool) {
	if s == "" {
		return "", "", false
	}
	if s[0] != '"' {
		i := strings.IndexAny(s, " .")
		if i < 0 {
			return s, "", true
		}
		return s[:i], s[i:], i > 0
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '"' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		return b.String(), s[i+1:], true
	}
	return "", "", false
}

// textLabel renders a node's name as the text format prints it.
func textLabel(n *Node) string {
	var b strings.Builder
	if n.ParallelAware {
		b.WriteString("Parallel ")
	}
	if n.AsyncCapable {
		b.WriteString("Async ")
	}
	switch n.NodeType {
	case "Nested Loop", "Hash Join", "Merge Join":
		if n.JoinType == "" || n.JoinType == "Inner" {
			b.WriteString(n.NodeType)
		} else {
			b.WriteString(strings.TrimSuffix(n.NodeType, " Join") + " " + n.JoinType + " Join")
		}
	case "Aggregate":
		if n.PartialMode == "Partial" || n.PartialMode == "Finalize" {
			b.WriteString(n.PartialMode + " ")
		}
		name := "Aggregate"
		for k, v := range aggNames {
			if v == n.Strategy {
				name = k
			}
		}
		b.WriteString(name)
	case "SetOp":
		if n.Strategy == "Hashed" {
			b.WriteString("Hash")
		}
		b.WriteString("SetOp " + n.Command)
	case "ModifyTable":
		b.WriteString(n.Operation)
	case "Foreign Scan":
		if n.Operation != "" && n.Operation != "Select" {
			b.WriteString("Foreign " + n.Operation)
		} else {
			b.WriteString("Foreign Scan")
		}
	case "Custom Scan":
		b.WriteString("Custom Scan (" + n.CustomProvider + ")")
	default:
		b.WriteString(n.NodeType)
	}
	if n.ScanDirection == "Backward" {
		b.WriteString(" Backward")
	}
	if n.Index != "" {
		if n.NodeType == "Bitmap Index Scan" {
			b.WriteString(" on " + finding.QuoteIdent(n.Index))
			return b.String()
		}
		b.WriteString(" using " + finding.QuoteIdent(n.Index))
	}
	obj := n.Relation
	if obj == "" {
		obj = n.FunctionName
	}
	if obj == "" {
		obj = n.CTEName
	}
	switch {
	case obj != "":
		b.WriteString(" on " + finding.Qualified(n.Schema, obj))
		if n.Alias != "" && n.Alias != obj {
			b.WriteString(" " + finding.QuoteIdent(n.Alias))
		}
	case n.Alias != "":
		b.WriteString(" on " + finding.QuoteIdent(n.Alias))
	}
	return b.String()
}
