-- Every index of the user's schemas with what the index-health rules need,
-- in the same terms as catalog_indexes (keys, include, key_classes), so
-- advise.RedundantIndexes sees identical inputs from either. Sizes come
-- from relpages (no file stat per index on huge catalogs); largest first.
select n.nspname::text                                             as schema,
       t.relname::text                                             as table_name,
       ic.relname::text                                            as name,
       pg_get_indexdef(i.indexrelid)                               as definition,
       am.amname::text                                             as method,
       i.indisunique                                               as is_unique,
       i.indisprimary                                              as is_primary,
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '')      as predicate,
       i.indexprs is not null                                      as expression,
       array(select pg_get_indexdef(i.indexrelid, k, true)
               from generate_series(1, i.indnkeyatts) k order by k)::text[] as keys,
       array(select pg_get_indexdef(i.indexrelid, k, true)
               from generate_series(i.indnkeyatts + 1, i.indnatts) k order by k)::text[] as include,
       array(select (i.indclass[k - 1])::text || '/' || (i.indcollation[k - 1])::text || '/' || (i.indoption[k - 1])::text
               from generate_series(1, i.indnkeyatts) k order by k)::text[] as key_classes,
       ic.relpages::int8 * current_setting('block_size')::int8    as bytes,
       coalesce(pg_stat_get_numscans(i.indexrelid), 0)             as scans,
       i.indisvalid and i.indisready                               as valid,
       coalesce(con.conname::text, '')                             as constraint,
       ic.relispartition                                           as attached
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_am am on am.oid = ic.relam
  join pg_class t on t.oid = i.indrelid
  join pg_namespace n on n.oid = t.relnamespace
  left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid
                              and con.contype in ('p', 'u', 'x')
 where t.relkind in ('r', 'p', 'm')
   and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
 order by ic.relpages desc, 1, 2, 3
