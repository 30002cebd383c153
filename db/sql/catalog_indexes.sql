-- Indexes of every listed relation with their keys, sizes and scans.
-- Keys are pg_get_indexdef per column (plain names or expressions);
-- key_classes pair each key's operator class, collation and DESC/NULLS
-- option so the advisor only calls indexes duplicates when they sort
-- alike. $1: include system schemas.
select i.indrelid::int8 as relid,
       ic.relname as name,
       pg_get_indexdef(i.indexrelid) as definition,
       am.amname as method,
       i.indisunique as is_unique,
       i.indisprimary as is_primary,
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '') as predicate,
       i.indexprs is not null as expression,
       array(select pg_get_indexdef(i.indexrelid, k, true)
             from generate_series(1, i.indnkeyatts) k order by k)::text[] as keys,
       array(select pg_get_indexdef(i.indexrelid, k, true)
             from generate_series(i.indnkeyatts + 1, i.indnatts) k order by k)::text[] as include,
       array(select (i.indclass[k - 1])::text || '/' || (i.indcollation[k - 1])::text || '/' || (i.indoption[k - 1])::text
             from generate_series(1, i.indnkeyatts) k order by k)::text[] as key_classes,
       pg_relation_size(i.indexrelid) as bytes,
       coalesce(pg_stat_get_numscans(i.indexrelid), 0) as scans,
       i.indisvalid as valid,
       coalesce(con.conname, '') as constraint,
       ic.relispartition as attached,
       coalesce(obj_description(i.indexrelid, 'pg_class'), '') as comment
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')
where c.relkind in ('r', 'p', 'm')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
order by i.indrelid, ic.relname
