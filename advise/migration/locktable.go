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

// alterLocks is the lock each ALTER TABLE subcommand takes, from
// PostgreSQL's AlterTableGetLockLevel (the subcommands whose lock depends
// on their arguments are decided in alterCmdLock). The statement takes the
// strongest lock of its subcommands. Every entry used by a rule is
// checked against pg_locks on a real server in locktable_test.go.
var alterLocks = map[pg.AlterTableType]Lock{
	pg.AlterTableType_AT_AddColumn:               AccessExclusive,
	pg.AlterTableType_AT_ColumnDefault:           AccessExclusive,
	pg.AlterTableType_AT_DropNotNull:             AccessExclusive,
	pg.AlterTableType_AT_SetNotNull:              AccessExclusive,
	pg.AlterTableType_AT_DropExpression:          AccessExclusive,
	pg.AlterTableType_AT_SetStatistics:           ShareUpdateExclusive,
	pg.AlterTableType_AT_SetOptions:              ShareUpdateExclusive,
	pg.AlterTableType_AT_ResetOptions:            ShareUpdateExclusive,
	pg.AlterTableType_AT_SetStorage:              AccessExclusive,
	pg.AlterTableType_AT_SetCompression:          AccessExclusive,
	pg.AlterTableType_AT_DropColumn:              AccessExclusive,
	pg.AlterTableType_AT_AddIndex:                AccessExclusive,
	pg.AlterTableType_AT_AlterConstraint:         AccessExclusive,
	pg.AlterTableType_AT_ValidateConstraint:      ShareUpdateExclusive,
	pg.AlterTableType_AT_AddIndexConstraint:      AccessExclusive,
	pg.AlterTableType_AT_DropConstraint:          AccessExclusive,
	pg.AlterTableType_AT_AlterColumnType:         AccessExclusive,
	pg.AlterTableType_AT_ChangeOwner:             AccessExclusive,
	pg.AlterTableType_AT_ClusterOn:               ShareUpdateExclusive,
	pg.AlterTableType_AT_DropCluster:             ShareUpdateExclusive,
	pg.AlterTableType_AT_SetLogged:               AccessExclusive,
	pg.AlterTableType_AT_SetUnLogged:             AccessExclusive,
	pg.AlterTableType_AT_SetAccessMethod:         AccessExclusive,
	pg.AlterTableType_AT_SetTableSpace:           AccessExclusive,
	pg.AlterTableType_AT_EnableTrig:              ShareRowExclusive,
	pg.AlterTableType_AT_EnableAlwaysTrig:        ShareRowExclusive,
	pg.AlterTableType_AT_EnableReplicaTrig:       ShareRowExclusive,
	pg.AlterTableType_AT_DisableTrig:             ShareRowExclusive,
	pg.AlterTableType_AT_EnableTrigAll:           ShareRowExclusive,
	pg.AlterTableType_AT_DisableTrigAll:          ShareRowExclusive,
	pg.AlterTableType_AT_EnableTrigUser:          ShareRowExclusive,
	pg.AlterTableType_AT_DisableTrigUser:         ShareRowExclusive,
	pg.AlterTableType_AT_EnableRowSecurity:       AccessExclusive,
	pg.AlterTableType_AT_DisableRowSecurity:      AccessExclusive,
	pg.AlterTableType_AT_ReplicaIdentity:         AccessExclusive,
	pg.AlterTableType_AT_AddInherit:              AccessExclusive,
	pg.AlterTableType_AT_DropInherit:             AccessExclusive,
	pg.AlterTableType_AT_AddIdentity:             AccessExclusive,
	pg.AlterTableType_AT_SetIdentity:             AccessExclusive,
	pg.AlterTableType_AT_DropIdentity:            AccessExclusive,
	pg.AlterTableType_AT_AttachPartition:         ShareUpdateExclusive,
	pg.AlterTableType_AT_DetachPartitionFinalize: ShareUpdateExclusive,
}

// sueRelOptions are the storage parameters ALTER TABLE … SET (…) can
// change under SHARE UPDATE EXCLUSIVE; any other takes ACCESS EXCLUSIVE.
var sueRelOptions = map[string]bool{
	"fillfactor": true, "toast_tuple_target": true, "parallel_workers": true,
	"log_autovacuum_min_duration": true, "vacuum_truncate": true, "vacuum_index_cleanup": true,
}

// alterCmdLock is the lock one ALTER TABLE subcommand takes on the table.
func alterCmdLock(c *pg.AlterTableCmd) Lock {
	switch c.Subtype {
	case pg.AlterTableType_AT_AddConstraint:
		if con := c.Def.GetConstraint(); con != nil && con.Contype == pg.ConstrType_CONSTR_FOREIGN {
			return ShareRowExclusive
		}
		return AccessExclusive
	case pg.AlterTableType_AT_SetRelOptions, pg.AlterTableType_AT_ResetRelOptions:
		for _, o := range c.Def.GetList().GetItems() {
			d := o.GetDefElem()
			if d == nil {
				return AccessExclusive
			}
			name := d.Defname
			if d.Defnamespace == "toast" {
				name = "toast." + name
			}
			if !sueRelOptions[name] && !strings.HasPrefix(d.Defname, "autovacuum_") {
				return AccessExclusive
			}
		}
		return ShareUpdateExclusive
	case pg.AlterTableType_AT_DetachPartition:
		if pc := c.Def.GetPartitionCmd(); pc != nil && pc.Concurrent {
			return ShareUpdateExclusive
		}
		return AccessExclusive
	}
	if l, ok := alterLocks[c.Subtype]; ok {
		return l
	}
	return AccessExclusive
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

func alterTableLocks(a *pg.AlterTableStmt) []RelLock {
	table := refOf(a.Relation)
	mode := NoLock
	var extra []RelLock
	for _, cn := range a.Cmds {
		c := cn.GetAlterTableCmd()
		if c == nil {
			continue
		}
		mode = max(mode, alterCmdLock(c))
		if con := c.Def.GetConstraint(); con != nil {
			for _, r := range fkTargets([]*pg.Node{c.Def}) {
				extra = append(extra, RelLock{r, ShareRowExclusive})
			}
		}
		if cd := c.Def.GetColumnDef(); cd != nil && c.Subtype == pg.AlterTableType_AT_AddColumn {
			for _, r := range fkTargets(cd.Constraints) {
				extra = append(extra, RelLock{r, ShareRowExclusive})
			}
		}
	}
	if a.Objtype == pg.ObjectType_OBJECT_INDEX {
		// ALTER INDEX … SET (…) / SET TABLESPACE lock the index.
		mode = min(mode, ShareUpdateExclusive)
	}
	return append([]RelLock{{table, mode}}, extra...)
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
