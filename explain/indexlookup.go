package explain

// IndexReader reads the key columns of the valid indexes of a relation
// (schema empty: the one the search path finds), one list per index.
type IndexReader func(schema, relation string) ([][]string, error)

// IndexLookup turns read into what Options.Indexes wants: each distinct
// relation is read once and remembered, since a plan may scan one table
// many times. A failed read counts as "no index known", so the finding
// proposes the index as it would offline; onErr, when set, is told of it.
// The lookup is not safe for concurrent use.
func IndexLookup(read IndexReader, onErr func(schema, relation string, err error)) func(schema, relation string) [][]string {
	type key struct{ schema, relation string }
	cache := map[key][][]string{}
	return func(schema, relation string) [][]string {
		k := key{schema, relation}
		if v, ok := cache[k]; ok {
			return v
		}
		v, err := read(schema, relation)
		if err != nil {
			v = nil
			if onErr != nil {
				onErr(schema, relation, err)
			}
		}
		cache[k] = v
		return v
	}
}
