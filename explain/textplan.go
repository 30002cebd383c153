package explain

import (
	"fmt"
	"strings"
)

// planLine reads a line below the tree: Planning/Execution Time, the
// Planning and JIT sections, Trigger lines, Settings and the like.
func (tp *textParser) planLine(ind int, body string) error {
	p := tp.p
	if ind > 0 && tp.section != "" {
		return tp.sectionLine(body)
	}
	tp.section = ""
	if strings.HasPrefix(body, "Trigger ") {
		t, err := parseTextTrigger(body)
		if err != nil {
			return err
		}
		p.Triggers = append(p.Triggers, t)
		return nil
	}
	kv := splitKV(strings.TrimSuffix(body, ":"))
	switch kv.Key {
	case "Planning Time":
		p.PlanningMS = parseFloatPtr(strings.TrimSuffix(kv.Value, " ms"))
	case "Execution Time", "Total runtime":
		p.ExecutionMS = parseFloatPtr(strings.TrimSuffix(kv.Value, " ms"))
	case "Planning", "JIT":
		tp.section = kv.Key
		if kv.Key == "JIT" {
			p.JIT = &JIT{}
		}
	case "Settings":
		for _, s := range splitTopLevel(kv.Value) {
			k, v, _ := strings.Cut(s, " = ")
			p.Settings = append(p.Settings, KV{Key: k, Value: strings.Trim(v, "'")})
		}
	default:
		if strings.HasPrefix(body, "->") {
			return errOrphan
		}
		p.Extra = append(p.Extra, kv)
	}
	return nil
}

func (tp *textParser) sectionLine(body string) error {
	p := tp.p
	kv := splitKV(body)
	if tp.section == "Planning" {
		if kv.Key == "Buffers" {
			p.PlanningBuffers = orNew(p.PlanningBuffers)
			return parseTextBuffers(kv.Value, p.PlanningBuffers)
		}
		p.Extra = append(p.Extra, KV{Key: "Planning " + kv.Key, Value: kv.Value})
		return nil
	}
	switch kv.Key {
	case "Functions":
		p.JIT.Functions = int(deref(parseFloatPtr(kv.Value)))
	case "Options":
		p.JIT.Options = kv.Value
	case "Timing":
		for _, part := range splitTopLevel(kv.Value) {
			name, val, _ := strings.Cut(part, " ")
			p.JIT.Timing = append(p.JIT.Timing, KV{Key: name, Value: val})
			if name == "Total" {
				p.JIT.TotalMS = parseFloatPtr(strings.TrimSuffix(val, " ms"))
			}
		}
	default:
		p.Extra = append(p.Extra, KV{Key: "JIT " + kv.Key, Value: kv.Value})
	}
	return nil
}

// parseTextTrigger reads "Trigger name on rel: time=1.234 calls=10" and
// its variants ("Trigger for constraint fk on rel: …", no time under
// TIMING OFF).
func parseTextTrigger(body string) (Trigger, error) {
	i := strings.LastIndex(body, ": ")
	if i < 0 {
		return Trigger{}, fmt.Errorf("malformed trigger line %q", body)
	}
	head, figures := body[len("Trigger "):i], body[i+2:]
	var t Trigger
	if j := strings.LastIndex(head, " on "); j >= 0 {
		head, t.Relation = head[:j], head[j+4:]
	}
	t.Name = strings.TrimPrefix(head, "for constraint ")
	for _, f := range strings.Fields(figures) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "time":
			t.TimeMS = parseFloatPtr(v)
		case "calls":
			t.Calls = deref(parseFloatPtr(v))
		}
	}
	return t, nil
}
