-- Enum types with their labels in sort order. $1: include system schemas.
select n.nspname as schema,
       t.typname as name,
       array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)::text[] as labels,
       coalesce(obj_description(t.oid, 'pg_type'), '') as comment
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'e'
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by n.nspname, t.typname
