-- Standbys streaming from this primary, with how far behind they replay.
-- The lag columns are null for roles without pg_read_all_stats.
select coalesce(application_name, '')                                       as name,
       coalesce(host(client_addr), 'socket')                                as client,
       coalesce(state, '')                                                  as state,
       extract(epoch from replay_lag) * 1000                                as replay_lag_ms,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::int8              as replay_lag_bytes
  from pg_stat_replication
 order by 1
