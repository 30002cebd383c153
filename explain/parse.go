package explain

import (
	"errors"
	"fmt"
	"strings"
)

// ErrEmpty is returned for input with no plan in it at all.
var ErrEmpty = errors.New("no EXPLAIN output found in the input")

// maxInput bounds the input Parse accepts (256 MiB): far above any real
// plan, low enough that a wrong file fails with a message, not an OOM.
const maxInput = 256 << 20

// maxDepth bounds plan nesting; PostgreSQL's own stack limit stops far
// below it, so deeper input is not EXPLAIN output.
const maxDepth = 10000

// Parse reads EXPLAIN output in TEXT or JSON format — detected from the
// input — as PostgreSQL printed it, as psql displayed it, or as
// auto_explain logged it, and returns the plan with its derived metrics
// computed (see Analyze).
func Parse(src string) (*Plan, error) {
	p, err := parse(src)
	if err != nil {
		return nil, err
	}
	Analyze(p)
	return p, nil
}

func parse(src string) (*Plan, error) {
	if len(src) > maxInput {
		return nil, fmt.Errorf("input is %d bytes, more than the %d an EXPLAIN output can plausibly be", len(src), maxInput)
	}
	// A JSON document as PostgreSQL printed it needs no cleaning: parse it
	// directly rather than splitting and joining megabytes of lines.
	if t := strings.TrimSpace(src); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		if p, err := parseJSON(t); err == nil {
			number(p)
			return p, nil
		}
	}
	lines := cleanInput(src)
	if len(lines) == 0 {
		return nil, ErrEmpty
	}
	first := strings.TrimSpace(lines[0])
	var (
		p   *Plan
		err error
	)
	if strings.HasPrefix(first, "{") || strings.HasPrefix(first, "[") {
		p, err = parseJSON(strings.Join(lines, "\n"))
		if err != nil {
			return nil, fmt.Errorf("read JSON plan: %w", err)
		}
	} else {
		p, err = parseText(lines)
		if err != nil {
			return nil, fmt.Errorf("read text plan: %w", err)
		}
	}
	number(p)
	return p, nil
}

// number assigns ids, parents and depths in pre-order and fills p.Nodes.
func number(p *Plan) {
	p.Nodes = p.Nodes[:0]
	type item struct {
		n      *Node
		parent *Node
		depth  int
	}
	stack := []item{{p.Root, nil, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		n.Parent, n.Depth = it.parent, it.depth
		p.Nodes = append(p.Nodes, n)
		n.ID = len(p.Nodes)
		for i := len(n.Children) - 1; i >= 0; i-- {
			stack = append(stack, item{n.Children[i], n, it.depth + 1})
		}
	}
	for _, n := range p.Nodes {
		if n.HasActual {
			p.Analyzed = true
			if n.HasTiming {
				p.Timed = true
			}
		}
	}
}
