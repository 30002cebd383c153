-- pg_stat_statements without query texts (showtext := false keeps each
-- poll cheap; texts are fetched once per queryid by stats_statement_texts).
-- Rows travel as json so one query serves every column set: 12 (total_time),
-- 13+ (total_exec_time, plans, wal_*), 17+ (shared_blk_read_time…); the
-- mapping to Statement is done in Go. row_to_json, not to_jsonb: building
-- jsonb sorts and dedups the keys of each of up to pg_stat_statements.max
-- (5,000) rows, a third more server time for the same object. {{schema}}
-- is the extension schema, sanitised by the caller.
select row_to_json(s) as row
  from {{schema}}.pg_stat_statements(showtext := false) s
 where s.dbid = (select oid from pg_database where datname = current_database())
