package migration

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

// Ref names a relation as the migration writes it.
type Ref struct{ Schema, Name string }

// String names the relation as SQL would, quoted where needed.
func (r Ref) String() string { return finding.Qualified(r.Schema, r.Name) }

func refOf(rv *pg.RangeVar) Ref {
	if rv == nil {
		return Ref{}
	}
	return Ref{Schema: rv.Schemaname, Name: rv.Relname}
}

// RelLock is a lock a statement takes on one relation.
type RelLock struct {
	Rel  Ref
	Mode Lock
}

// fkTargets returns the tables referenced by the foreign keys among cons:
// adding a foreign key takes SHARE ROW EXCLUSIVE on the referenced table
// too (it adds triggers there).
func fkTargets(cons []*pg.Node) []Ref {
	var out []Ref
	for _, n := range cons {
		if c := n.GetConstraint(); c != nil && c.Contype == pg.ConstrType_CONSTR_FOREIGN {
			out = append(out, refOf(c.Pktable))
		}
	}
	return out
}

// locksOf returns the table locks a statement takes, strongest first per
// relation as PostgreSQL takes them, in the order the relations appear.
func locksOf(n *pg.Node) []RelLock {
	switch s := n.Node.(type) {
	case *pg.Node_AlterTableStmt:
		return alterTableLocks(s.AlterTableStmt)
	case *pg.Node_IndexStmt:
		if s.IndexStmt.Concurrent {
			return []RelLock{{refOf(s.IndexStmt.Relation), ShareUpdateExclusive}}
		}
		return []RelLock{{refOf(s.IndexStmt.Relation), Share}}
	case *pg.Node_CreateStmt:
		var out []RelLock
		for _, e := range s.CreateStmt.TableElts {
			if cd := e.GetColumnDef(); cd != nil {
				for _, r := range fkTargets(cd.Constraints) {
					out = append(out, RelLock{r, ShareRowExclusive})
				}
			}
		}
		for _, r := range fkTargets(append(s.CreateStmt.TableElts, s.CreateStmt.Constraints...)) {
			out = append(out, RelLock{r, ShareRowExclusive})
		}
		return out
	case *pg.Node_DropStmt:
		return dropLocks(s.DropStmt)
	case *pg.Node_RenameStmt:
		r := s.RenameStmt
		if r.Relation == nil {
			return nil
		}
		if r.RenameType == pg.ObjectType_OBJECT_INDEX {
			return []RelLock{{refOf(r.Relation), ShareUpdateExclusive}}
		}
		return []RelLock{{refOf(r.Relation), AccessExclusive}}
	case *pg.Node_TruncateStmt:
		var out []RelLock
		for _, rel := range s.TruncateStmt.Relations {
			out = append(out, RelLock{refOf(rel.GetRangeVar()), AccessExclusive})
		}
		return out
	case *pg.Node_DeleteStmt:
		return []RelLock{{refOf(s.DeleteStmt.Relation), RowExclusive}}
	case *pg.Node_UpdateStmt:
		return []RelLock{{refOf(s.UpdateStmt.Relation), RowExclusive}}
	case *pg.Node_InsertStmt:
		return []RelLock{{refOf(s.InsertStmt.Relation), RowExclusive}}
	case *pg.Node_VacuumStmt:
		mode := ShareUpdateExclusive
		if vacuumFull(s.VacuumStmt) {
			mode = AccessExclusive
		}
		var out []RelLock
		for _, r := range s.VacuumStmt.Rels {
			out = append(out, RelLock{refOf(r.GetVacuumRelation().GetRelation()), mode})
		}
		return out
	case *pg.Node_ClusterStmt:
		if s.ClusterStmt.Relation == nil {
			return nil
		}
		return []RelLock{{refOf(s.ClusterStmt.Relation), AccessExclusive}}
	case *pg.Node_ReindexStmt:
		return reindexLocks(s.ReindexStmt)
	case *pg.Node_CreateTrigStmt:
		return []RelLock{{refOf(s.CreateTrigStmt.Relation), ShareRowExclusive}}
	case *pg.Node_RefreshMatViewStmt:
		if s.RefreshMatViewStmt.Concurrent {
			return []RelLock{{refOf(s.RefreshMatViewStmt.Relation), Exclusive}}
		}
		return []RelLock{{refOf(s.RefreshMatViewStmt.Relation), AccessExclusive}}
	case *pg.Node_LockStmt:
		mode := Lock(s.LockStmt.Mode)
		if mode <= NoLock || mode > AccessExclusive {
			mode = AccessExclusive
		}
		var out []RelLock
		for _, rel := range s.LockStmt.Relations {
			out = append(out, RelLock{refOf(rel.GetRangeVar()), mode})
		}
		return out
	case *pg.Node_CommentStmt:
		if rel := commentRelation(s.CommentStmt); rel.Name != "" {
			return []RelLock{{rel, ShareUpdateExclusive}}
		}
	}
	return nil
}

func dropLocks(d *pg.DropStmt) []RelLock {
	mode := AccessExclusive
	switch d.RemoveType {
	case pg.ObjectType_OBJECT_TABLE, pg.ObjectType_OBJECT_VIEW, pg.ObjectType_OBJECT_MATVIEW,
		pg.ObjectType_OBJECT_SEQUENCE, pg.ObjectType_OBJECT_FOREIGN_TABLE:
	case pg.ObjectType_OBJECT_INDEX:
		if d.Concurrent {
			mode = ShareUpdateExclusive
		}
	default:
		return nil
	}
	var out []RelLock
	for _, o := range d.Objects {
		if items := o.GetList().GetItems(); len(items) > 0 {
			out = append(out, RelLock{listRef(items), mode})
		}
	}
	return out
}

// listRef reads a qualified name given as a list of String nodes.
func listRef(items []*pg.Node) Ref {
	r := Ref{Name: lastName(items)}
	if len(items) >= 2 {
		r.Schema = items[len(items)-2].GetString_().GetSval()
	}
	return r
}

func vacuumFull(v *pg.VacuumStmt) bool {
	for _, o := range v.Options {
		if d := o.GetDefElem(); d != nil && strings.EqualFold(d.Defname, "full") {
			if d.Arg == nil {
				return true
			}
			t := strings.ToLower(constText(d.Arg))
			return t != "false" && t != "off" && t != "0"
		}
	}
	return false
}

func reindexConcurrent(r *pg.ReindexStmt) bool {
	for _, p := range r.Params {
		if d := p.GetDefElem(); d != nil && strings.EqualFold(d.Defname, "concurrently") {
			return true
		}
	}
	return false
}

func reindexLocks(r *pg.ReindexStmt) []RelLock {
	if r.Relation == nil {
		return nil
	}
	switch {
	case reindexConcurrent(r):
		return []RelLock{{refOf(r.Relation), ShareUpdateExclusive}}
	case r.Kind == pg.ReindexObjectType_REINDEX_OBJECT_INDEX:
		return []RelLock{{refOf(r.Relation), AccessExclusive}}
	}
	return []RelLock{{refOf(r.Relation), Share}}
}

// commentRelation is the table a COMMENT ON TABLE/COLUMN names.
func commentRelation(c *pg.CommentStmt) Ref {
	items := c.Object.GetList().GetItems()
	switch c.Objtype {
	case pg.ObjectType_OBJECT_TABLE:
		return listRef(items)
	case pg.ObjectType_OBJECT_COLUMN:
		if len(items) >= 2 {
			return listRef(items[:len(items)-1])
		}
	}
	return Ref{}
}

// strongest is the strongest lock among ls.
func strongest(ls []RelLock) Lock {
	m := NoLock
	for _, l := range ls {
		m = max(m, l.Mode)
	}
	return m
}
