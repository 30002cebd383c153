-- Tables, partitioned tables, views, materialized views and foreign
-- tables with sizes, row estimates and partitioning. $1: include system
-- schemas. Sizes and row estimates are relpages/reltuples as of the last
-- VACUUM, ANALYZE or CREATE INDEX: pg_relation_size would take a lock on
-- every relation, and 10,000 tables in one transaction overflow the lock
-- table. Index sizes are summed by the loader from catalog_indexes, the
-- parent partitioned table is an OID it resolves, and relnatts sizes the
-- column array: each costs nothing here. reltuples is -1 before the first
-- VACUUM/ANALYZE (PostgreSQL 14+), reported as unknown (older servers
-- say 0).
select c.oid::int8 as oid,
       n.nspname as schema,
       c.relname as name,
       c.relkind::text as relkind,
       pg_get_userbyid(c.relowner) as owner,
       inh.inhparent::int8 as parent,
       case when c.relispartition then coalesce(pg_get_expr(c.relpartbound, c.oid), '') else '' end as partition_bound,
       case when c.relkind = 'p' then coalesce(pg_get_partkeydef(c.oid), '') else '' end as partition_key,
       c.relpersistence = 'u' as unlogged,
       c.reloptions as options,
       case when c.reltuples < 0 then null else c.reltuples::float8 end as rows,
       c.relpages::int8 * current_setting('block_size')::int8 as table_bytes,
       (coalesce(tc.relpages, 0)::int8 + coalesce(tic.relpages, 0)) * current_setting('block_size')::int8 as toast_bytes,
       coalesce(ds.description, '') as comment,
       case when c.relkind in ('v', 'm') then coalesce(pg_get_viewdef(c.oid, true), '') else '' end as view_definition,
       coalesce(e.extname, '') as extension,
       has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'SELECT') as readable,
       c.relnatts as natts
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_inherits inh on c.relispartition and inh.inhrelid = c.oid
left join pg_class tc on tc.oid = c.reltoastrelid
left join pg_index ti on ti.indrelid = c.reltoastrelid
left join pg_class tic on tic.oid = ti.indexrelid
left join pg_description ds on ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
left join pg_extension e on e.oid = d.refobjid
where c.relkind in ('r', 'p', 'v', 'm', 'f')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by n.nspname, c.relname
