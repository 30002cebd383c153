-- The deparsed definitions of the indexes and constraints of the given
-- relations ($1: OIDs), which the bulk catalog load leaves out. kind is
-- 'i' for an index, 'c' for a constraint.
select i.indrelid::int8 as relid, 'i' as kind, ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
where i.indrelid = any($1::oid[])
union all
select con.conrelid::int8, 'c', con.conname, pg_get_constraintdef(con.oid, true)
from pg_constraint con
where con.conrelid = any($1::oid[])
  and con.contype in ('p', 'f', 'u', 'c', 'x')
