-- Checkpoints timed and requested (PostgreSQL 17+: pg_stat_checkpointer).
select num_timed::int8 as timed, num_requested::int8 as requested from pg_stat_checkpointer
