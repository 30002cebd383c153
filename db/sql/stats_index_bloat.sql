-- Statistical btree bloat estimate for the largest $1 btree indexes (by
-- pages): expected leaf pages = rows × (index tuple header + null bitmap +
-- average key width from pg_stats, aligned + line pointer) ÷ usable page
-- space × fillfactor (90 by default), plus a metapage. Indexes whose
-- columns lack statistics, and expression indexes, get a null estimate.
with big as (
  select ic.oid, ic.relname, ic.relnamespace, ic.relpages, i.indrelid, i.indkey, i.indnatts,
         coalesce((select substring(o from 'fillfactor=(\d+)')::int
                     from unnest(ic.reloptions) o where o like 'fillfactor=%'), 90) as fillfactor,
         t.reltuples, t.relname as table_name, i.indexprs is not null as expression
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_class t on t.oid = i.indrelid
    join pg_am am on am.oid = ic.relam and am.amname = 'btree'
    join pg_namespace n on n.oid = ic.relnamespace
   where n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
     and i.indpred is null
   order by ic.relpages desc
   limit $1
), width as (
  select b.oid,
         sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))::float8 as data_width,
         count(s.attname)                                                       as with_stats,
         bool_or(coalesce(s.null_frac, 0) > 0)                                  as has_nulls
    from big b
    cross join lateral unnest(b.indkey::int2[]) k(attnum)
    join pg_attribute a on a.attrelid = b.indrelid and a.attnum = k.attnum
    left join pg_stats s on s.schemaname = (select nspname from pg_namespace where oid = b.relnamespace)
                        and s.tablename = b.table_name and s.attname = a.attname
   group by b.oid
)
select n.nspname::text                                            as schema,
       b.table_name::text                                         as table_name,
       b.relname::text                                            as name,
       b.relpages::int8 * current_setting('block_size')::int8    as bytes,
       case when not b.expression and w.with_stats = b.indnatts and b.reltuples >= 0 and b.relpages > 1 then
         greatest(b.relpages - 1 - ceil(b.reltuples
           * (8 + case when w.has_nulls then 8 else 0 end + ceil(w.data_width / 8.0) * 8 + 4)
           / ((current_setting('block_size')::int - 24 - 16) * b.fillfactor / 100.0)), 0)::int8
         * current_setting('block_size')::int8
       end                                                        as bloat_bytes
  from big b
  join pg_namespace n on n.oid = b.relnamespace
  left join width w on w.oid = b.oid
 order by b.relpages desc, 1, 2, 3
