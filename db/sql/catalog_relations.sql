-- Tables, partitioned tables, views, materialized views and foreign
-- tables with sizes, row estimates and partitioning. $1: include system
-- schemas. Sizes come from the relation files (no privilege needed);
-- reltuples is -1 before the first VACUUM/ANALYZE (PostgreSQL 14+),
-- reported as unknown (older servers say 0).
select c.oid::int8 as oid,
       n.nspname as schema,
       c.relname as name,
       c.relkind::text as relkind,
       pg_get_userbyid(c.relowner) as owner,
       pn.nspname as parent_schema,
       pc.relname as parent_name,
       case when c.relispartition then coalesce(pg_get_expr(c.relpartbound, c.oid), '') else '' end as partition_bound,
       case when c.relkind = 'p' then coalesce(pg_get_partkeydef(c.oid), '') else '' end as partition_key,
       c.relpersistence = 'u' as unlogged,
       coalesce(c.reloptions, '{}') as options,
       case when c.reltuples < 0 then null else c.reltuples::float8 end as rows,
       case when c.relkind in ('r', 'm', 't') then pg_relation_size(c.oid) + pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm') else 0 end as table_bytes,
       case when c.relkind in ('r', 'm', 'p') then pg_indexes_size(c.oid) else 0 end as index_bytes,
       case when c.reltoastrelid <> 0 then pg_total_relation_size(c.reltoastrelid) else 0 end as toast_bytes,
       coalesce(obj_description(c.oid, 'pg_class'), '') as comment,
       case when c.relkind in ('v', 'm') then coalesce(pg_get_viewdef(c.oid, true), '') else '' end as view_definition,
       coalesce(e.extname, '') as extension,
       has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'SELECT') as readable
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_inherits i on c.relispartition and i.inhrelid = c.oid
left join pg_class pc on pc.oid = i.inhparent
left join pg_namespace pn on pn.oid = pc.relnamespace
left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
left join pg_extension e on e.oid = d.refobjid
where c.relkind in ('r', 'p', 'v', 'm', 'f')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by n.nspname, c.relname
