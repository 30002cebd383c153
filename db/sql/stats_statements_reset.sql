-- When pg_stat_statements was last reset (the view exists from 14 on).
select stats_reset from {{schema}}.pg_stat_statements_info
