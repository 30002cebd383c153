-- Constraints of every listed relation (not-null constraints, which
-- PostgreSQL 18 keeps in pg_constraint, are shown on the columns
-- instead). Column lists keep the constraint's order. $1: include system
-- schemas.
select con.conrelid::int8 as relid,
       con.conname as name,
       con.contype::text as contype,
       array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num
             order by k.ord)::text[] as columns,
       pg_get_constraintdef(con.oid, true) as definition,
       con.convalidated as validated,
       con.conislocal as local,
       coalesce(obj_description(con.oid, 'pg_constraint'), '') as comment,
       coalesce(ic.relname, '') as index,
       fn.nspname as ref_schema,
       fc.relname as ref_name,
       array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num
             order by k.ord)::text[] as ref_columns,
       con.confdeltype::text as on_delete,
       con.confupdtype::text as on_update
from pg_constraint con
join pg_class c on c.oid = con.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class ic on ic.oid = con.conindid and con.contype in ('p', 'u', 'x')
left join pg_class fc on fc.oid = con.confrelid and con.contype = 'f'
left join pg_namespace fn on fn.oid = fc.relnamespace
where con.contype in ('p', 'f', 'u', 'c', 'x')
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by con.conrelid, con.contype, con.conname
