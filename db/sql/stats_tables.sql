-- Per-table scan counters, sizes and a statistical bloat estimate, for the
-- largest $1 tables (by pages) so the query stays fast on huge catalogs:
-- the tables are chosen first from pg_class.relpages, and only their
-- columns are looked up in pg_stats. The estimate: expected pages = live
-- rows × (tuple header + null bitmap + average data width from pg_stats,
-- aligned) ÷ usable page space × fillfactor. Tables without statistics
-- (never analysed, or columns this role may not read) get a null estimate.
-- Counters come from the pg_stat_get_* functions for the chosen tables
-- only (joining pg_stat_user_tables would compute the view for every
-- table). The pg_stats lookup is a LATERAL subquery fenced with OFFSET 0
-- so it runs per column through the catalog indexes instead of joining
-- the whole view.
with big as materialized (
  select c.oid, c.relname, n.nspname, c.relpages, c.reltuples, c.reltoastrelid,
         coalesce((select substring(o from 'fillfactor=(\d+)')::int
                     from unnest(c.reloptions) o where o like 'fillfactor=%'), 100) as fillfactor
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'm')
     and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
   order by c.relpages desc
   limit $1
), width as (
  select b.oid,
         sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))::float8 as data_width,
         count(*)                                                               as columns,
         count(s.avg_width)                                                     as with_stats,
         bool_or(coalesce(s.null_frac, 0) > 0)                                  as has_nulls
    from big b
    join pg_attribute a on a.attrelid = b.oid and a.attnum > 0 and not a.attisdropped
    left join lateral (select s.null_frac, s.avg_width from pg_stats s
                        where s.schemaname = b.nspname and s.tablename = b.relname and s.attname = a.attname
                          and not s.inherited offset 0) s on true
   group by b.oid
)
select b.nspname::text                                               as schema,
       b.relname::text                                               as name,
       coalesce(pg_stat_get_numscans(b.oid), 0)                      as seq_scans,
       coalesce(pg_stat_get_tuples_returned(b.oid), 0)               as seq_rows_read,
       coalesce((select sum(pg_stat_get_numscans(i.indexrelid))::int8 from pg_index i where i.indrelid = b.oid), 0) as index_scans,
       coalesce(pg_stat_get_live_tuples(b.oid), 0)                   as live_rows,
       coalesce(pg_stat_get_dead_tuples(b.oid), 0)                   as dead_rows,
       b.relpages::int8 * current_setting('block_size')::int8       as table_bytes,
       coalesce((select sum(ic.relpages)::int8 from pg_index i join pg_class ic on ic.oid = i.indexrelid
                  where i.indrelid = b.oid), 0) * current_setting('block_size')::int8 as index_bytes,
       coalesce((select relpages::int8 from pg_class where oid = b.reltoastrelid), 0)
         * current_setting('block_size')::int8                      as toast_bytes,
       case when w.with_stats = w.columns and b.reltuples > 0 and b.relpages > 0 then
         greatest(b.relpages - ceil(b.reltuples
           * (ceil((23 + case when w.has_nulls then ceil(w.columns / 8.0) else 0 end) / 8.0) * 8
              + ceil(w.data_width / 8.0) * 8 + 4)
           / ((current_setting('block_size')::int - 24) * b.fillfactor / 100.0)), 0)::int8
         * current_setting('block_size')::int8
       end                                                           as bloat_bytes
  from big b
  left join width w on w.oid = b.oid
 order by b.relpages desc, 1, 2
