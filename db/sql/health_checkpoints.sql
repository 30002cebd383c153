-- Checkpoints timed and requested (PostgreSQL 12–16: pg_stat_bgwriter).
select checkpoints_timed::int8 as timed, checkpoints_req::int8 as requested from pg_stat_bgwriter
