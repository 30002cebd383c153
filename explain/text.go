package explain

import (
	"errors"
	"fmt"
	"strings"
)

// textFrame is a node on the indentation stack with the column its name
// starts at; its detail lines are indented two more.
type textFrame struct {
	n   *Node
	col int
}

// textParser builds the tree from text lines by indentation: a child is
// "->  " two columns right of its parent's name, details two columns right
// of their node's name, and InitPlan/SubPlan/CTE labels sit at detail
// level with their node's arrow two further right.
type textParser struct {
	p       *Plan
	stack   []textFrame
	label   string // pending InitPlan/SubPlan/CTE label
	labelAt int
	worker  *Worker // worker whose lines are being read
	section string  // plan-level section (JIT, Planning) being read
}

func parseText(lines []string) (*Plan, error) {
	tp := &textParser{p: &Plan{Format: FormatText}}
	i, err := tp.preamble(lines)
	if err != nil {
		return nil, err
	}
	for ; i < len(lines); i++ {
		if err := tp.line(lines[i]); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	walk(tp.p.Root, inferRelationships)
	return tp.p, nil
}

// preamble reads an optional "Query Text:" block and the root node line.
func (tp *textParser) preamble(lines []string) (int, error) {
	i := 0
	if q, ok := strings.CutPrefix(strings.TrimSpace(lines[0]), "Query Text:"); ok {
		text := []string{strings.TrimSpace(q)}
		for i = 1; i < len(lines); i++ {
			if looksLikeRoot(lines[i]) {
				break
			}
			text = append(text, lines[i])
		}
		tp.p.QueryText = strings.TrimSpace(strings.Join(text, "\n"))
	}
	if i >= len(lines) {
		return 0, ErrEmpty
	}
	l := strings.TrimRight(lines[i], " \t")
	ind := indent(l)
	body := strings.TrimPrefix(l[ind:], "->  ")
	n, err := parseNodeLine(body)
	if err != nil {
		return 0, fmt.Errorf("first line is not a plan node: %w", err)
	}
	tp.p.Root = n
	tp.stack = append(tp.stack, textFrame{n, ind + len(l[ind:]) - len(body)})
	return i + 1, nil
}

func looksLikeRoot(l string) bool {
	_, err := parseNodeLine(strings.TrimSpace(l))
	return err == nil
}

// walk calls fn on every node under n in pre-order without recursion.
func walk(n *Node, fn func(*Node)) {
	stack := []*Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(n)
		for i := len(n.Children) - 1; i >= 0; i-- {
			stack = append(stack, n.Children[i])
		}
	}
}

func indent(l string) int {
	i := 0
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i
}

func (tp *textParser) line(l string) error {
	l = strings.TrimRight(l, " \t") // padding added by terminals and editors
	ind := indent(l)
	body := l[ind:]
	if body == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(body, "->"); ok {
		return tp.child(ind, strings.TrimLeft(rest, " "))
	}
	for len(tp.stack) > 0 && tp.stack[len(tp.stack)-1].col > ind-2 {
		tp.stack = tp.stack[:len(tp.stack)-1]
		tp.worker = nil
	}
	if len(tp.stack) == 0 {
		return tp.planLine(ind, body)
	}
	top := tp.stack[len(tp.stack)-1]
	if isSubplanLabel(body) && ind == top.col+2 {
		tp.label, tp.labelAt = body, ind
		tp.worker = nil
		return nil
	}
	if ind > top.col+2 && tp.worker != nil {
		tp.worker.Extra = append(tp.worker.Extra, splitKV(body))
		return nil
	}
	tp.worker = nil
	return nodeDetail(top.n, body, &tp.worker)
}

func isSubplanLabel(s string) bool {
	return strings.HasPrefix(s, "InitPlan ") || strings.HasPrefix(s, "SubPlan ") || strings.HasPrefix(s, "CTE ")
}

var errOrphan = errors.New(`"->" node line with no parent node above it`)

func (tp *textParser) child(ind int, body string) error {
	for len(tp.stack) > 0 && tp.stack[len(tp.stack)-1].col >= ind {
		tp.stack = tp.stack[:len(tp.stack)-1]
	}
	tp.worker = nil
	if len(tp.stack) == 0 {
		return errOrphan
	}
	if len(tp.stack) >= maxDepth {
		return fmt.Errorf("plan nested deeper than %d levels", maxDepth)
	}
	n, err := parseNodeLine(body)
	if err != nil {
		return err
	}
	parent := tp.stack[len(tp.stack)-1].n
	if tp.label != "" && tp.labelAt == ind-2 {
		setSubplan(n, tp.label)
	}
	tp.label = ""
	parent.Children = append(parent.Children, n)
	tp.stack = append(tp.stack, textFrame{n, ind + 4})
	return nil
}

// setSubplan marks n as the InitPlan, SubPlan or CTE a label introduced,
// named as JSON's "Subplan Name" names it ("InitPlan 1 (returns $0)" up to
// PG 16, "InitPlan 1" from 17); a CTE is an InitPlan named "CTE name".
func setSubplan(n *Node, label string) {
	n.SubplanName = label
	n.ParentRelationship = "InitPlan"
	if strings.HasPrefix(label, "SubPlan ") {
		n.ParentRelationship = "SubPlan"
	}
}

// inferRelationships names the parent relationship of children the text
// format does not label, as the JSON format would.
func inferRelationships(n *Node) {
	k := 0
	for _, c := range n.Children {
		if c.ParentRelationship != "" {
			continue
		}
		switch n.NodeType {
		case "Append", "Merge Append", "BitmapAnd", "BitmapOr", "Custom Scan":
			c.ParentRelationship = "Member"
		case "Subquery Scan":
			c.ParentRelationship = "Subquery"
		default:
			c.ParentRelationship = "Outer"
			if k == 1 {
				c.ParentRelationship = "Inner"
			}
		}
		k++
	}
}
