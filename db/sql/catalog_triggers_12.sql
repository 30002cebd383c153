-- User triggers (not the internal ones behind foreign keys) of every
-- listed relation, PostgreSQL 12: clones on partitions are internal there
-- (tgparentid arrived in 13). $1: include system schemas.
select t.tgrelid::int8 as relid,
       t.tgname as name,
       pg_get_triggerdef(t.oid, true) as definition,
       t.tgenabled <> 'D' as enabled,
       coalesce(obj_description(t.oid, 'pg_trigger'), '') as comment
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by t.tgrelid, t.tgname
