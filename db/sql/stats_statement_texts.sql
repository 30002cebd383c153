-- Normalised query texts for the given queryids, fetched once and cached.
select s.queryid, s.query
  from {{schema}}.pg_stat_statements(showtext := true) s
 where s.dbid = (select oid from pg_database where datname = current_database())
   and s.queryid = any($1::bigint[])
