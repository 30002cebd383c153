package migration

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

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
