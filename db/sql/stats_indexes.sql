-- Every index of the user's schemas with what the index-health rules need,
-- in the same terms as catalog_indexes (keys, include, key_classes), so
-- advise.RedundantIndexes sees identical inputs from either. This runs over
-- every index (20,000 on a 10,000-table catalog), so nothing is deparsed
-- per index: key columns are named from pg_attribute in one indexed
-- lookup per index (an exact (attrelid, attnum) probe for the common
-- one-column index; otherwise names come back ordered by attnum and the
-- loader places them by indkey, which may repeat a column), pg_get_indexdef runs only
-- for the expression keys of expression indexes and for the definition of
-- invalid indexes (the fix rebuilds them), and the constraint test is one
-- hashed subplan over pg_constraint (a p/u/x constraint's index always
-- bears the constraint's name). Sizes come from relpages (no file stat
-- per index). The loader sorts: largest first, then by name.
select n.nspname::text                                             as schema,
       t.relname::text                                             as table_name,
       ic.relname::text                                            as name,
       case when not (i.indisvalid and i.indisready)
            then pg_get_indexdef(i.indexrelid) else '' end         as definition,
       am.amname::text                                             as method,
       i.indisunique                                               as is_unique,
       i.indisprimary                                              as is_primary,
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '')      as predicate,
       i.indexprs is not null                                      as expression,
       i.indnkeyatts::int                                          as nkeys,
       i.indkey::int2[]                                            as attnums,
       case when i.indnatts = 1 and i.indkey[0] <> 0 then
              array[(select quote_ident(a.attname) from pg_attribute a
                      where a.attrelid = i.indrelid and a.attnum = i.indkey[0])]
            else (select array_agg(quote_ident(a.attname) order by a.attnum)
                    from pg_attribute a
                   where a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[]))
       end::text[]                                                 as attnames,
       case when i.indexprs is not null then
         array(select pg_get_indexdef(i.indexrelid, k, true)
                 from generate_series(1, i.indnatts) k
                where i.indkey[k - 1] = 0 order by k)::text[] end  as exprs,
       i.indclass::oid[]                                           as classes,
       i.indcollation::oid[]                                       as collations,
       i.indoption::int2[]                                         as options,
       ic.relpages::int8 * current_setting('block_size')::int8    as bytes,
       coalesce(pg_stat_get_numscans(i.indexrelid), 0)             as scans,
       i.indisvalid and i.indisready                               as valid,
       i.indexrelid in (select conindid from pg_constraint
                         where contype in ('p', 'u', 'x'))         as has_constraint,
       ic.relispartition                                           as attached,
       t.relkind = 'p'                                             as partitioned
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_am am on am.oid = ic.relam
  join pg_class t on t.oid = i.indrelid
  join pg_namespace n on n.oid = t.relnamespace
 where t.relkind in ('r', 'p', 'm')
   and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
