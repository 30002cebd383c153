-- The raw figures of the health checks, in one round trip. Activity
-- figures cover what this role may see; counters are since the last reset.
-- database_bytes is an estimate from pg_class.relpages (as of each
-- relation's last VACUUM, ANALYZE or index build): pg_database_size stats
-- every file of the database, 70,000 of them on a 10,000-table catalog,
-- which took 170-480 ms; health_database_size reads it on request.
select current_setting('max_connections')::int                                   as max_connections,
       current_setting('superuser_reserved_connections')::int                    as reserved_connections,
       (select count(*) from pg_stat_activity where backend_type = 'client backend') as connections,
       (select count(*) from pg_stat_activity where state = 'active')           as active,
       (select count(*) from pg_stat_activity where state = 'idle')             as idle,
       (select count(*) from pg_stat_activity where state like 'idle in transaction%') as idle_in_transaction,
       (select blks_hit::float8 / nullif(blks_hit + blks_read, 0)
          from pg_stat_database where datname = current_database())              as cache_hit_ratio,
       (select max(extract(epoch from clock_timestamp() - xact_start)) * 1000
          from pg_stat_activity where backend_type = 'client backend'
           and pid <> pg_backend_pid() and xact_start is not null)               as oldest_xact_ms,
       (select max(extract(epoch from clock_timestamp() - state_change)) * 1000
          from pg_stat_activity where state like 'idle in transaction%')         as oldest_idle_xact_ms,
       (select deadlocks from pg_stat_database where datname = current_database()) as deadlocks,
       (select temp_files from pg_stat_database where datname = current_database()) as temp_files,
       (select temp_bytes from pg_stat_database where datname = current_database()) as temp_bytes,
       (select max(age(datfrozenxid))::int8 from pg_database where datallowconn)  as xid_age,
       (select max(mxid_age(datminmxid))::int8 from pg_database where datallowconn) as mxid_age,
       (select sum(relpages)::int8 from pg_class where not relisshared)
         * current_setting('block_size')::int8                                  as database_bytes,
       pg_is_in_recovery()                                                        as in_recovery,
       case when pg_is_in_recovery() then
         case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0::float8
              else extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000 end
       end                                                                        as standby_lag_ms
