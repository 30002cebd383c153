package db

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/pgdeck/pgdeck/catalog"
	"github.com/pgdeck/pgdeck/finding"
)

var relKinds = map[string]catalog.Kind{
	"r": catalog.Table, "p": catalog.Partitioned, "v": catalog.View,
	"m": catalog.MatView, "f": catalog.ForeignTable,
}

// loaded is the state of one catalog load: the relations, where each OID
// sits, and the interner shared by every query.
type loaded struct {
	rels   []catalog.Relation
	byOID  map[int64]int
	natts  []int // relnatts of each relation, to place columns by attnum
	parent []int64
	in     interner
	// Constraints and indexes name their columns by attnum; the columns
	// may still be loading on another connection, so the attnums wait
	// here until nameColumns.
	pendCons []pendingCon
	pendIdx  []pendingIdx
}

type pendingCon struct {
	rel, con int
	nums     []int16
	ref      int // -1 when not a foreign key to a listed relation
	refNums  []int16
}

type pendingIdx struct {
	rel, ix int
	nums    []int16
	exprs   []string
	nkeys   int
}

// colRec is a column with the OID of its relation, as the columns query
// returns them (in no particular order).
type colRec struct {
	relid int64
	col   catalog.Column
}

// colChunk is how many columns loadColumns stores per block: blocks are
// never copied to grow, so 100,000 columns cost their size once.
const colChunk = 4096

func (ld *loaded) rel(oid int64) *catalog.Relation {
	if i, ok := ld.byOID[oid]; ok {
		return &ld.rels[i]
	}
	return nil
}

func loadRelations(ctx context.Context, q Querier, opts CatalogOptions, ld *loaded) error {
	r, err := queryRaw(ctx, q, "catalog_relations", opts.System)
	if err != nil {
		return fmt.Errorf("load relations: %w", err)
	}
	for r.next() {
		rel := catalog.Relation{
			OID: uint32(r.int(0)), Schema: ld.in.get(r.bytes(1)), Name: r.str(2), Kind: relKinds[string(r.bytes(3))],
			Owner: ld.in.get(r.bytes(4)), PartitionBound: r.str(6), PartitionKey: r.str(7), Unlogged: r.bool(8),
			Options: r.textArray(9), TableBytes: r.int(11), ToastBytes: r.int(12), Comment: r.str(13),
			ViewDefinition: r.str(14), Extension: ld.in.get(r.bytes(15)), Readable: r.bool(16),
		}
		if f, ok := r.float(10); ok {
			rel.Rows = &f
		}
		ld.byOID[int64(rel.OID)] = len(ld.rels)
		ld.rels = append(ld.rels, rel)
		ld.parent = append(ld.parent, r.int(5))
		ld.natts = append(ld.natts, int(r.int(17)))
	}
	if err := r.close(); err != nil {
		return fmt.Errorf("load relations: %w", err)
	}
	for i, p := range ld.parent {
		if pr := ld.rel(p); p != 0 && pr != nil {
			ld.rels[i].Parent = &catalog.Key{Schema: pr.Schema, Name: pr.Name}
		}
	}
	return nil
}

// loadColumns reads every column. It needs nothing from the other
// queries, so Catalog runs it on a second connection while the relations,
// constraints and indexes load; placeColumns attaches the result.
func loadColumns(ctx context.Context, q Querier, opts CatalogOptions) ([][]colRec, error) {
	r, err := queryRaw(ctx, q, "catalog_columns", opts.System)
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	in := interner{}
	var out [][]colRec
	for r.next() {
		if len(out) == 0 || len(out[len(out)-1]) == colChunk {
			out = append(out, make([]colRec, 0, colChunk))
		}
		last := &out[len(out)-1]
		*last = append(*last, colRec{relid: r.int(0), col: catalog.Column{
			Num: int16(r.int(1)), Name: in.get(r.bytes(2)), Type: in.get(r.bytes(3)), BaseType: in.get(r.bytes(4)),
			TypeSchema: in.get(r.bytes(5)), Array: r.bool(6), Length: int32(r.int(7)), Enum: r.bool(8),
			NotNull: r.bool(9), Identity: in.get(r.bytes(11)), Generated: r.str(12),
			GeneratedKind: in.get(r.bytes(13)), Collation: in.get(r.bytes(14)), Comment: r.str(15), Local: r.bool(16),
		}})
		col := &(*last)[len(*last)-1].col
		if !r.null(10) {
			def := r.str(10)
			col.Default = &def
		}
		if !r.null(17) && !r.null(18) {
			col.Sequence = &catalog.Key{Schema: in.get(r.bytes(17)), Name: r.str(18)}
		}
	}
	if err := r.close(); err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	return out, nil
}

// placeColumns puts each column at its attnum inside one array sized by
// the relations' relnatts, so rows may come in any order and 100,000
// columns take one allocation; the gaps dropped columns leave are closed
// afterwards.
func placeColumns(ld *loaded, chunks [][]colRec) {
	start := make([]int, len(ld.rels)+1)
	for i, n := range ld.natts {
		start[i+1] = start[i] + n
	}
	all := make([]catalog.Column, start[len(ld.rels)])
	for _, recs := range chunks {
		for i := range recs {
			ri, ok := ld.byOID[recs[i].relid]
			num := int(recs[i].col.Num)
			if !ok || num < 1 || num > ld.natts[ri] {
				continue
			}
			all[start[ri]+num-1] = recs[i].col
		}
	}
	for i := range ld.rels {
		cols := all[start[i]:start[i+1]:start[i+1]]
		n := 0
		for _, c := range cols {
			if c.Num != 0 {
				cols[n] = c
				n++
			}
		}
		ld.rels[i].Columns = cols[:n:n]
	}
}

// nameColumns turns the attnums constraints and indexes were loaded with
// into column names, then orders each table's constraints (type, name)
// and indexes (name).
func nameColumns(ld *loaded) {
	for _, p := range ld.pendCons {
		con := &ld.rels[p.rel].Constraints[p.con]
		con.Columns = columnNames(&ld.rels[p.rel], p.nums)
		if p.ref >= 0 {
			con.RefColumns = columnNames(&ld.rels[p.ref], p.refNums)
		}
	}
	for _, p := range ld.pendIdx {
		ix := &ld.rels[p.rel].Indexes[p.ix]
		names := columnNames(&ld.rels[p.rel], p.nums)
		exprs := p.exprs
		for k, n := range p.nums {
			if n == 0 && len(exprs) > 0 {
				names[k], exprs = exprs[0], exprs[1:]
			} else {
				names[k] = finding.QuoteIdent(names[k])
			}
		}
		nkeys := min(p.nkeys, len(names))
		ix.Keys, ix.Include = names[:nkeys:nkeys], names[nkeys:]
		if len(ix.Include) == 0 {
			ix.Include = nil
		}
	}
	sorted := map[int]bool{}
	for _, p := range ld.pendCons {
		if !sorted[p.rel] {
			sorted[p.rel] = true
			slices.SortFunc(ld.rels[p.rel].Constraints, func(a, b catalog.Constraint) int {
				return cmp.Or(cmp.Compare(conOrder(a.Type), conOrder(b.Type)), cmp.Compare(a.Name, b.Name))
			})
		}
	}
	clear(sorted)
	for _, p := range ld.pendIdx {
		if !sorted[p.rel] {
			sorted[p.rel] = true
			slices.SortFunc(ld.rels[p.rel].Indexes, func(a, b catalog.Index) int { return cmp.Compare(a.Name, b.Name) })
		}
	}
	ld.pendCons, ld.pendIdx = nil, nil
}

// columnNames names attnums from a relation's loaded columns (sorted by
// Num); an attnum it does not know is shown as its number.
func columnNames(rel *catalog.Relation, nums []int16) []string {
	out := make([]string, len(nums))
	for i, n := range nums {
		j, ok := slices.BinarySearchFunc(rel.Columns, n, func(c catalog.Column, n int16) int { return cmp.Compare(c.Num, n) })
		if ok {
			out[i] = rel.Columns[j].Name
		} else {
			out[i] = fmt.Sprintf("#%d", n)
		}
	}
	return out
}

// conTypes spells pg_constraint's contype.
var conTypes = map[string]catalog.ConstraintType{
	"p": catalog.PrimaryKey, "f": catalog.ForeignKey, "u": catalog.Unique,
	"c": catalog.Check, "x": catalog.Exclusion,
}

// fkActions spells pg_constraint's one-letter referential actions.
var fkActions = map[string]string{
	"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT",
}

func loadConstraints(ctx context.Context, q Querier, opts CatalogOptions, ld *loaded) error {
	r, err := queryRaw(ctx, q, "catalog_constraints", opts.System)
	if err != nil {
		return fmt.Errorf("load constraints: %w", err)
	}
	for r.next() {
		ri, ok := ld.byOID[r.int(0)]
		if !ok {
			continue
		}
		rel := &ld.rels[ri]
		con := catalog.Constraint{
			Name: r.str(1), Type: conTypes[string(r.bytes(2))], Definition: r.str(4), Validated: r.bool(5),
			Local: r.bool(6), Comment: r.str(7), Index: r.str(8),
		}
		p := pendingCon{rel: ri, con: len(rel.Constraints), nums: r.ints(3, nil), ref: -1}
		if con.Type == catalog.ForeignKey {
			con.OnDelete, con.OnUpdate = fkActions[string(r.bytes(11))], fkActions[string(r.bytes(12))]
			if refi, ok := ld.byOID[r.int(9)]; ok {
				ref := &ld.rels[refi]
				con.References = &catalog.Key{Schema: ref.Schema, Name: ref.Name}
				p.ref, p.refNums = refi, r.ints(10, nil)
			}
		}
		rel.Constraints = append(rel.Constraints, con)
		ld.pendCons = append(ld.pendCons, p)
	}
	if err := r.close(); err != nil {
		return fmt.Errorf("load constraints: %w", err)
	}
	return nil
}

// conOrder sorts constraints as pg_constraint's contype letters do:
// check, foreign key, primary key, unique, exclusion.
func conOrder(t catalog.ConstraintType) int {
	switch t {
	case catalog.Check:
		return 0
	case catalog.ForeignKey:
		return 1
	case catalog.PrimaryKey:
		return 2
	case catalog.Unique:
		return 3
	}
	return 4
}
