-- Indexes of every listed relation with their keys, sizes and scans.
-- Keys are quoted column names, or pg_get_indexdef's text for expressions
-- (deparsing every key of 20,000 indexes would cost seconds);
-- key_classes pair each key's operator class, collation and DESC/NULLS
-- option so the advisor only calls indexes duplicates when they sort
-- alike. Sizes are relpages (no lock per index, see catalog_relations).
-- $1: include system schemas.
select i.indrelid::int8 as relid,
       ic.relname as name,
       pg_get_indexdef(i.indexrelid) as definition,
       am.amname as method,
       i.indisunique as is_unique,
       i.indisprimary as is_primary,
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '') as predicate,
       i.indexprs is not null as expression,
       array(select case when i.indkey[k - 1] <> 0
                         then (select quote_ident(a.attname) from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1])
                         else pg_get_indexdef(i.indexrelid, k, true) end
             from generate_series(1, i.indnkeyatts) k order by k)::text[] as keys,
       array(select quote_ident(a.attname)
             from generate_series(i.indnkeyatts + 1, i.indnatts) k
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1]
             order by k)::text[] as include,
       array(select (i.indclass[k - 1])::text || '/' || (i.indcollation[k - 1])::text || '/' || (i.indoption[k - 1])::text
             from generate_series(1, i.indnkeyatts) k order by k)::text[] as key_classes,
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
order by i.indrelid, ic.relname
