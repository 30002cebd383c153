-- Statistical btree bloat estimate for the largest $1 btree indexes (by
-- pages): expected leaf pages = rows × (index tuple header + null bitmap +
-- average key width from pg_stats, aligned + line pointer) ÷ usable page
-- space × fillfactor (90 by default), plus a metapage. Indexes whose
-- columns lack statistics, and expression indexes, get a null estimate.
-- The indexes are chosen first from pg_class.relpages; only their key
-- columns are looked up in pg_stats, through a LATERAL subquery fenced
-- with OFFSET 0 so each lookup uses the catalog indexes instead of
-- joining the whole view.
with big as materialized (
  select ic.oid, ic.relname, n.nspname, ic.relpages, i.indrelid, i.indkey, i.indnatts,
         coalesce((select substring(o from 'fillfactor=(\d+)')::int
                     from unnest(ic.reloptions) o where o like 'fillfactor=%'), 90) as fillfactor,
         t.reltuples, t.relname as table_name, i.indexprs is not null as expression
    from pg_class ic
    join pg_index i on i.indexrelid = ic.oid
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = ic.relnamespace
   where ic.relkind = 'i'
     and ic.relam = (select oid from pg_am where amname = 'btree')
     and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
     and i.indpred is null
   order by ic.relpages desc
   limit $1
), width as (
  select b.oid,
         sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))::float8 as data_width,
         count(s.avg_width)                                                     as with_stats,
         bool_or(coalesce(s.null_frac, 0) > 0)                                  as has_nulls
    from big b
    cross join lateral unnest(b.indkey::int2[]) k(attnum)
    join pg_attribute a on a.attrelid = b.indrelid and a.attnum = k.attnum
    left join lateral (select s.null_frac, s.avg_width from pg_stats s
                        where s.schemaname = b.nspname and s.tablename = b.table_name and s.attname = a.attname
                          and not s.inherited offset 0) s on true
   where not b.expression
   group by b.oid
)
select b.nspname::text                                            as schema,
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
  left join width w on w.oid = b.oid
 order by b.relpages desc, 1, 2, 3
