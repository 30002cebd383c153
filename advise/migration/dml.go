package migration

import (
	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgdeck/pgdeck/finding"
)

func (l *linter) createIndex(ix *pg.IndexStmt) {
	table := refOf(ix.Relation)
	if ix.Idxname != "" {
		l.created[ix.Idxname] = true
	}
	if ix.Concurrent {
		l.concurrently("CREATE INDEX CONCURRENTLY")
		return
	}
	if !l.existing(table) {
		return
	}
	l.did(table, workIndex)
	ix.Concurrent = true
	fix := deparse(&pg.Node{Node: &pg.Node_IndexStmt{IndexStmt: ix}})
	ix.Concurrent = false
	msg := "CREATE INDEX takes SHARE on " + table.String() + ", blocking all writes to it for the whole build"
	if l.inTx() {
		msg += "; CONCURRENTLY cannot run in a transaction, so move it to its own migration that runs outside one"
	}
	l.add("create-index-not-concurrently", table.String(), msg, fix)
}

func (l *linter) drop(d *pg.DropStmt) {
	switch d.RemoveType {
	case pg.ObjectType_OBJECT_INDEX:
		if d.Concurrent {
			l.concurrently("DROP INDEX CONCURRENTLY")
			return
		}
		for _, o := range d.Objects {
			ref := listRef(o.GetList().GetItems())
			if !l.existing(ref) {
				continue
			}
			one := &pg.DropStmt{Objects: []*pg.Node{o}, RemoveType: d.RemoveType, MissingOk: d.MissingOk, Concurrent: true}
			l.add("drop-index-not-concurrently", ref.String(),
				"DROP INDEX takes ACCESS EXCLUSIVE on the index's table, blocking reads and writes until every query using the table finishes",
				deparse(&pg.Node{Node: &pg.Node_DropStmt{DropStmt: one}}))
		}
	case pg.ObjectType_OBJECT_TABLE:
		for _, o := range d.Objects {
			ref := listRef(o.GetList().GetItems())
			if !l.existing(ref) {
				continue
			}
			old := finding.QuoteIdent(ref.Name + "_deprecated")
			l.add("drop-table", ref.String(),
				"DROP TABLE deletes "+ref.String()+" and its data for good, and running code that still uses it fails at once",
				"",
				"deploy code that no longer uses "+ref.String(),
				"ALTER TABLE "+ref.String()+" RENAME TO "+old+";  -- anything still using it fails loudly, and it can be renamed back",
				"DROP TABLE "+finding.Qualified(ref.Schema, ref.Name+"_deprecated")+";  -- in a later migration, after a backup")
		}
	}
}

func (l *linter) rename(r *pg.RenameStmt) {
	table := refOf(r.Relation)
	switch r.RenameType {
	case pg.ObjectType_OBJECT_COLUMN:
		if !l.existing(table) || r.RelationType != pg.ObjectType_OBJECT_TABLE {
			return
		}
		oc, nc := finding.QuoteIdent(r.Subname), finding.QuoteIdent(r.Newname)
		l.add("rename-column", colRef(table, r.Subname),
			"renaming "+r.Subname+" breaks every running query and deployed version of the code that still uses the old name",
			"",
			"ALTER TABLE "+table.String()+" ADD COLUMN "+nc+" <type of "+oc+">;  -- plus a trigger keeping "+oc+" and "+nc+" in step on INSERT and UPDATE",
			backfillStep(table, r.Newname, oc),
			"deploy code that reads and writes "+nc,
			"ALTER TABLE "+table.String()+" DROP COLUMN "+oc+";  -- and drop the trigger, once nothing uses the old name")
	case pg.ObjectType_OBJECT_TABLE:
		if !l.existing(table) {
			l.created[r.Newname] = true
			return
		}
		nt := finding.Qualified(table.Schema, r.Newname)
		l.add("rename-table", table.String(),
			"renaming "+table.String()+" breaks every running query and deployed version of the code that still uses the old name",
			"",
			"ALTER TABLE "+table.String()+" RENAME TO "+finding.QuoteIdent(r.Newname)+"; CREATE VIEW "+table.String()+" AS SELECT * FROM "+nt+";  -- one migration: the simple view keeps old code reading and writing",
			"deploy code that uses "+nt,
			"DROP VIEW "+table.String()+";  -- once nothing uses the old name")
	}
}

func (l *linter) deleteStmt(d *pg.DeleteStmt) {
	table := refOf(d.Relation)
	if d.WhereClause != nil || !l.existing(table) {
		return
	}
	l.add("delete-without-where", table.String(),
		"DELETE without WHERE removes every row of "+table.String()+" in one transaction, holding row locks on all of them and leaving the table full of dead rows",
		"add the WHERE clause you meant; to empty the table on purpose, delete in batches or exempt it with -- pgdeck:ignore delete-without-where")
}

func (l *linter) updateStmt(u *pg.UpdateStmt) {
	table := refOf(u.Relation)
	if u.WhereClause != nil || !l.existing(table) {
		return
	}
	l.add("update-without-where", table.String(),
		"UPDATE without WHERE rewrites every row of "+table.String()+" in one transaction, locking them all and doubling the table's size until vacuum",
		"add the WHERE clause you meant, or backfill in batches: UPDATE … WHERE <key> BETWEEN <lo> AND <hi>, one transaction each")
}

func (l *linter) truncate(t *pg.TruncateStmt) {
	for _, n := range t.Relations {
		ref := refOf(n.GetRangeVar())
		if !l.existing(ref) {
			continue
		}
		l.add("truncate", ref.String(),
			"TRUNCATE deletes every row of "+ref.String()+" for good under ACCESS EXCLUSIVE",
			"if emptying the table is intended, exempt the statement with -- pgdeck:ignore truncate")
	}
}

func (l *linter) vacuum(v *pg.VacuumStmt) {
	if !v.IsVacuumcmd || !vacuumFull(v) {
		return
	}
	for _, r := range v.Rels {
		if ref := refOf(r.GetVacuumRelation().GetRelation()); l.existing(ref) {
			l.did(ref, workRewrite)
		}
	}
	l.add("vacuum-full-or-cluster", "",
		"VACUUM FULL rewrites the table under ACCESS EXCLUSIVE, blocking reads and writes for the whole rewrite",
		"use pg_repack or pg_squeeze, which rebuild the table online; or plain VACUUM, which needs no exclusive lock")
}

func (l *linter) cluster(c *pg.ClusterStmt) {
	object := ""
	if c.Relation != nil {
		object = refOf(c.Relation).String()
		if l.existing(refOf(c.Relation)) {
			l.did(refOf(c.Relation), workRewrite)
		}
	}
	l.add("vacuum-full-or-cluster", object,
		"CLUSTER rewrites the table under ACCESS EXCLUSIVE, blocking reads and writes for the whole rewrite",
		"use pg_repack (which can also order by an index) to rebuild the table online")
}
