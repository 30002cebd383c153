package query

import (
	"sort"
	"strings"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
)

// candidate is one completion: the text inserted and what it is.
type candidate struct {
	text, kind string
}

// maxCandidates bounds the popup's list.
const maxCandidates = 200

// word is what is being completed at the cursor: the identifier
// characters before it (prefix, starting at byte start of the text) and,
// after "x.", the identifier before the dot.
type word struct {
	start     int
	prefix    string
	qualifier string
	dotted    bool
}

// wordAt finds the word ending at byte offset off of text.
func wordAt(text string, off int) word {
	start := off
	for start > 0 && isIdentByte(text[start-1]) {
		start--
	}
	w := word{start: start, prefix: text[start:off]}
	if start > 0 && text[start-1] == '"' && strings.Count(text[:start], `"`)%2 == 1 {
		w.start-- // an open quoted identifier: "Od
		w.prefix = text[w.start:off]
	}
	if w.start > 0 && text[w.start-1] == '.' {
		w.dotted = true
		q := w.start - 1
		switch {
		case q > 0 && text[q-1] == '"':
			open := strings.LastIndexByte(text[:q-1], '"')
			if open >= 0 {
				w.qualifier = identText(text[open:q])
			}
		default:
			s := q
			for s > 0 && isIdentByte(text[s-1]) {
				s--
			}
			w.qualifier = identText(text[s:q])
		}
	}
	return w
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// relationContext says the word follows a keyword after which only a
// relation makes sense.
func relationContext(before string) bool {
	f := strings.Fields(strings.ToLower(before))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "from", "join", "update", "into", "table", "only":
		return true
	}
	return false
}

// complete lists the candidates for w in statement stmt (the text before
// the word is before). cat may be nil: keywords still complete.
func complete(cat *db.Completions, stmt, before string, w word) []candidate {
	if cat == nil || (w.prefix == "" && !w.dotted) {
		return nil // nothing typed: Tab indents
	}
	match := matcher(w.prefix)
	var out []candidate
	seen := map[string]bool{}
	add := func(name, kind string) {
		if len(out) >= maxCandidates || !match(name) {
			return
		}
		text := finding.QuoteIdent(name)
		if kind == "keyword" {
			text = name
			if w.prefix != "" && strings.ToUpper(w.prefix) == w.prefix && strings.ToLower(w.prefix) != w.prefix {
				text = strings.ToUpper(name)
			}
		}
		if seen[kind+"\x00"+text] {
			return
		}
		seen[kind+"\x00"+text] = true
		out = append(out, candidate{text: text, kind: kind})
	}
	sc := scope(stmt)
	if w.dotted {
		if ref, ok := sc[w.qualifier]; ok {
			if r := findRelation(cat, ref); r != nil {
				for _, c := range r.Columns {
					add(c, "column")
				}
			}
		} else if r := findRelation(cat, relRef{name: w.qualifier}); r != nil {
			for _, c := range r.Columns {
				add(c, "column")
			}
		}
		for _, r := range cat.Relations {
			if r.Schema == w.qualifier {
				add(r.Name, "table")
			}
		}
		for _, f := range cat.Functions {
			if f.Schema == w.qualifier {
				add(f.Name, "function")
			}
		}
		return out
	}
	if relationContext(before) {
		for _, r := range cat.Relations {
			if r.Visible {
				add(r.Name, "table")
			}
		}
		for _, s := range cat.Schemas {
			add(s, "schema")
		}
		return out
	}
	refs := make([]relRef, 0, len(sc))
	for _, ref := range sc {
		refs = append(refs, ref)
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].schema+"."+refs[i].name < refs[j].schema+"."+refs[j].name })
	for _, ref := range refs {
		if r := findRelation(cat, ref); r != nil {
			for _, c := range r.Columns {
				add(c, "column")
			}
		}
	}
	if !strings.HasPrefix(w.prefix, `"`) { // a quoted name is never a keyword
		for _, k := range cat.Keywords {
			add(k, "keyword")
		}
	}
	for _, f := range cat.Functions {
		if f.Visible {
			add(f.Name, "function")
		}
	}
	for _, r := range cat.Relations {
		if r.Visible {
			add(r.Name, "table")
		}
	}
	for _, s := range cat.Schemas {
		add(s, "schema")
	}
	return out
}

// matcher matches names starting with prefix, ignoring case unless the
// prefix opens a quoted identifier.
func matcher(prefix string) func(string) bool {
	if strings.HasPrefix(prefix, `"`) {
		p := prefix[1:]
		return func(s string) bool { return strings.HasPrefix(s, p) }
	}
	p := strings.ToLower(prefix)
	return func(s string) bool {
		return len(s) >= len(p) && strings.ToLower(s[:len(p)]) == p
	}
}

// findRelation resolves a reference: an exact schema and name, else the
// relation the search_path reaches, else any of that name.
func findRelation(cat *db.Completions, ref relRef) *db.CompletionRelation {
	var fallback *db.CompletionRelation
	for i := range cat.Relations {
		r := &cat.Relations[i]
		if r.Name != ref.name {
			continue
		}
		switch {
		case ref.schema != "" && r.Schema == ref.schema:
			return r
		case ref.schema == "" && r.Visible:
			return r
		case ref.schema == "" && fallback == nil:
			fallback = r
		}
	}
	return fallback
}
