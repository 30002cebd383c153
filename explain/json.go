package explain

import (
	"fmt"
	"strconv"
)

// parseJSON reads FORMAT JSON output: the array psql prints, the bare
// document, auto_explain's object with "Query Text", or a bare plan node.
func parseJSON(src string) (*Plan, error) {
	l := &jsonLexer{data: src}
	p := &Plan{Format: FormatJSON}
	var err error
	if l.peek() == '[' {
		first := true
		err = l.array(func() error {
			if !first {
				return l.skip()
			}
			first = false
			return l.document(p)
		})
	} else {
		err = l.document(p)
	}
	if err != nil {
		return nil, err
	}
	if l.peek() != 0 {
		return nil, l.errorf("unexpected text after the JSON document")
	}
	if p.Root == nil {
		return nil, fmt.Errorf("no \"Plan\" in the JSON document")
	}
	return p, nil
}

func (l *jsonLexer) document(p *Plan) error {
	var bare *Node
	err := l.object(func(key string) error {
		var err error
		switch key {
		case "Plan":
			p.Root, err = l.node()
		case "Query Text":
			p.QueryText, err = l.str()
		case "Planning Time":
			p.PlanningMS, err = l.numPtr()
		case "Execution Time":
			p.ExecutionMS, err = l.numPtr()
		case "Triggers":
			err = l.array(func() error {
				t, err := l.trigger()
				p.Triggers = append(p.Triggers, t)
				return err
			})
		case "JIT":
			p.JIT, err = l.jit()
		case "Settings":
			err = l.object(func(k string) error {
				v, err := l.scalarText()
				p.Settings = append(p.Settings, KV{k, v})
				return err
			})
		case "Planning":
			p.PlanningBuffers = &Buffers{}
			err = l.object(func(k string) error {
				if ok, err := l.bufferKey(p.PlanningBuffers, k); ok || err != nil {
					return err
				}
				v, err := l.scalarText()
				p.Extra = append(p.Extra, KV{"Planning " + k, v})
				return err
			})
		case "Node Type":
			// A bare plan node: read the object again as a node.
			return errBareNode
		default:
			var v string
			v, err = l.scalarText()
			p.Extra = append(p.Extra, KV{key, v})
		}
		return err
	})
	if err == errBareNode {
		l.pos = 0
		for l.data[l.pos] != '{' {
			l.pos++
		}
		bare, err = l.node()
		p.Root = bare
	}
	return err
}

var errBareNode = fmt.Errorf("bare node")

func (l *jsonLexer) numPtr() (*float64, error) {
	if l.peek() == 'n' {
		_, err := l.scalarText()
		return nil, err
	}
	v, err := l.num()
	return &v, err
}

func (l *jsonLexer) intPtr() (*int64, error) {
	v, err := l.num()
	i := int64(v)
	return &i, err
}

func (l *jsonLexer) boolean() (bool, error) {
	s, err := l.scalarText()
	return s == "true", err
}

func (l *jsonLexer) trigger() (Trigger, error) {
	var t Trigger
	var constraint string
	err := l.object(func(k string) error {
		var err error
		switch k {
		case "Trigger Name":
			t.Name, err = l.str()
		case "Constraint Name":
			constraint, err = l.str()
		case "Relation":
			t.Relation, err = l.str()
		case "Time":
			t.TimeMS, err = l.numPtr()
		case "Calls":
			t.Calls, err = l.num()
		default:
			err = l.skip()
		}
		return err
	})
	if constraint != "" {
		t.Name = constraint
	}
	return t, err
}

func (l *jsonLexer) jit() (*JIT, error) {
	j := &JIT{}
	err := l.object(func(k string) error {
		var err error
		switch k {
		case "Functions":
			var f float64
			f, err = l.num()
			j.Functions = int(f)
		case "Options":
			j.Options, err = l.scalarText()
		case "Timing":
			err = l.object(func(k string) error {
				v, err := l.scalarText()
				j.Timing = append(j.Timing, KV{k, v + " ms"})
				if k == "Total" {
					if f, perr := strconv.ParseFloat(v, 64); perr == nil {
						j.TotalMS = &f
					}
				}
				return err
			})
		default:
			err = l.skip()
		}
		return err
	})
	return j, err
}

// bufferKey reads a buffer or I/O timing field into b; it reports false,
// consuming nothing, for other keys.
func (l *jsonLexer) bufferKey(b *Buffers, k string) (bool, error) {
	var p *int64
	switch k {
	case "Shared Hit Blocks":
		p = &b.SharedHit
	case "Shared Read Blocks":
		p = &b.SharedRead
	case "Shared Dirtied Blocks":
		p = &b.SharedDirtied
	case "Shared Written Blocks":
		p = &b.SharedWritten
	case "Local Hit Blocks":
		p = &b.LocalHit
	case "Local Read Blocks":
		p = &b.LocalRead
	case "Local Dirtied Blocks":
		p = &b.LocalDirtied
	case "Local Written Blocks":
		p = &b.LocalWritten
	case "Temp Read Blocks":
		p = &b.TempRead
	case "Temp Written Blocks":
		p = &b.TempWritten
	case "I/O Read Time", "Shared I/O Read Time", "Local I/O Read Time", "Temp I/O Read Time":
		v, err := l.num()
		b.IOReadMS += v
		return true, err
	case "I/O Write Time", "Shared I/O Write Time", "Local I/O Write Time", "Temp I/O Write Time":
		v, err := l.num()
		b.IOWriteMS += v
		return true, err
	default:
		return false, nil
	}
	v, err := l.num()
	*p = int64(v)
	return true, err
}
