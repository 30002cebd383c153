-- Constraints of every listed relation (not-null constraints, which
-- PostgreSQL 18 keeps in pg_constraint, are shown on the columns
-- instead). Columns are attnums (conkey, confkey) that the loader names
-- from the columns it already has, and the referenced table is an OID:
-- per-row subqueries over pg_attribute cost more than the rest of the
-- query. Only CHECK and EXCLUDE definitions are deparsed here (they
-- cannot be rebuilt from columns, and there are few); the primary, unique
-- and foreign keys of 10,000 tables would cost half a second of
-- pg_get_constraintdef, so their text comes from catalog_definitions for
-- the table being shown. The loader orders them (type, then name).
-- $1: include system schemas.
select con.conrelid::int8 as relid,
       con.conname as name,
       con.contype::text as contype,
       con.conkey::text as conkey,
       case when con.contype in ('c', 'x') then pg_get_constraintdef(con.oid, true) else '' end as definition,
       con.convalidated as validated,
       con.conislocal as local,
       coalesce(ds.description, '') as comment,
       coalesce(ic.relname, '') as index,
       con.confrelid::int8 as ref_relid,
       con.confkey::text as confkey,
       con.confdeltype::text as on_delete,
       con.confupdtype::text as on_update
from pg_constraint con
join pg_class c on c.oid = con.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class ic on ic.oid = con.conindid and con.contype in ('p', 'u', 'x')
left join pg_description ds on ds.objoid = con.oid and ds.classoid = 'pg_constraint'::regclass and ds.objsubid = 0
where con.contype in ('p', 'f', 'u', 'c', 'x')
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
