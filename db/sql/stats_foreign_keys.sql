-- Foreign keys of the user's schemas with their column names, for
-- fk-missing-index.
select n.nspname::text                                          as schema,
       t.relname::text                                          as table_name,
       con.conname::text                                        as name,
       array(select a.attname::text
               from unnest(con.conkey) with ordinality k(attnum, ord)
               join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
              order by k.ord)                                   as columns,
       rn.nspname::text                                         as ref_schema,
       r.relname::text                                          as ref_table,
       t.relkind = 'p'                                          as partitioned
  from pg_constraint con
  join pg_class t on t.oid = con.conrelid
  join pg_namespace n on n.oid = t.relnamespace
  join pg_class r on r.oid = con.confrelid
  join pg_namespace rn on rn.oid = r.relnamespace
 where con.contype = 'f'
   and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname !~ '^pg_toast' and n.nspname !~ '^pg_temp_'
 order by 1, 2, 3
