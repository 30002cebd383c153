-- pg_stat_statements without query texts (showtext := false keeps each
-- poll cheap; texts are fetched once per queryid by stats_statement_texts).
-- s.* serves every column set: 12 (total_time), 13+ (total_exec_time,
-- plans, wal_*), 17+ (shared_blk_read_time…). The rows are read in the
-- text format (simple protocol) and mapped to QueryStat by column name in
-- Go; no per-row JSON (row_to_json, to_jsonb), which cost more on the
-- server and far more to decode for the 5,000 entries of a full
-- pg_stat_statements. {{schema}} is the extension schema, sanitised by
-- the caller.
select s.*
  from {{schema}}.pg_stat_statements(showtext := false) s
 where s.dbid = (select oid from pg_database where datname = current_database())
