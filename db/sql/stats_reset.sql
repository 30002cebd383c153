-- When this database's statistics counters were last reset (null: never,
-- so they count from the cluster's creation or last crash).
select stats_reset from pg_stat_database where datname = current_database()
