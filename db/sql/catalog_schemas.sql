-- Schemas the user can see, with whether they may use them. $1: include
-- the system schemas (pg_catalog, information_schema, toast, temp).
select n.nspname as name,
       pg_get_userbyid(n.nspowner) as owner,
       coalesce(obj_description(n.oid, 'pg_namespace'), '') as comment,
       (n.nspname in ('pg_catalog', 'information_schema')
        or n.nspname like 'pg\_toast%' or n.nspname like 'pg\_temp\_%') as system,
       has_schema_privilege(n.oid, 'USAGE') as usable
from pg_namespace n
where $1::bool
   or (n.nspname not in ('pg_catalog', 'information_schema')
       and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%')
order by n.nspname
