-- Indexes of every listed relation with their structure, sizes and
-- scans. No pg_get_indexdef text here: deparsing 20,000 indexes costs
-- seconds, so definitions come from catalog_definitions for the table
-- being shown. What the advisor compares is structural: key attnums
-- (indkey, 0 for an expression, named by the loader from the columns it
-- has), the deparsed text of expression keys only, the predicate of
-- partial indexes only, and each key's operator class, collation and
-- DESC/NULLS option (indclass, indcollation, indoption) so indexes that
-- look alike but sort differently differ. Sizes are relpages (no lock
-- per index, see catalog_relations). The loader orders each table's
-- indexes by name. $1: include system schemas.
select i.indrelid::int8 as relid,
       ic.relname as name,
       am.amname as method,
       i.indisunique as is_unique,
       i.indisprimary as is_primary,
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '') as predicate,
       i.indnkeyatts as nkeys,
       i.indkey::text as indkey,
       case when i.indexprs is not null then
         array(select pg_get_indexdef(i.indexrelid, k, true)
               from generate_series(1, i.indnkeyatts) k where i.indkey[k - 1] = 0 order by k)::text[] end as exprs,
       i.indclass::text as classes,
       i.indcollation::text as collations,
       i.indoption::text as options,
       ic.relpages::int8 * current_setting('block_size')::int8 as bytes,
       coalesce(pg_stat_get_numscans(i.indexrelid), 0) as scans,
       i.indisvalid as valid,
       coalesce(con.conname, '') as constraint,
       ic.relispartition as attached,
       coalesce(ds.description, '') as comment
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_description ds on ds.objoid = i.indexrelid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')
where c.relkind in ('r', 'p', 'm')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
