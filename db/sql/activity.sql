-- Backends of the server as pg_stat_activity shows them to this role, with
-- the pids blocking each one. pg_blocking_pids is costly (it inspects the
-- lock table), so it is called only for backends waiting on a lock.
-- Durations are milliseconds, computed on the server clock.
select a.pid,
       coalesce(a.usename::text, '')                                  as username,
       coalesce(a.datname::text, '')                                  as database,
       coalesce(a.application_name, '')                               as application,
       coalesce(host(a.client_addr), case when a.client_port = -1 then 'socket' else '' end) as client,
       coalesce(a.backend_type, '')                                   as backend_type,
       coalesce(a.state, '')                                          as state,
       coalesce(a.wait_event_type, '')                                as wait_event_type,
       coalesce(a.wait_event, '')                                     as wait_event,
       extract(epoch from clock_timestamp() - a.query_start) * 1000   as query_ms,
       extract(epoch from clock_timestamp() - a.xact_start) * 1000    as xact_ms,
       extract(epoch from clock_timestamp() - a.state_change) * 1000  as state_ms,
       coalesce(a.query, '')                                          as query,
       case when a.wait_event_type = 'Lock' then pg_blocking_pids(a.pid)
            else '{}'::int[] end                                      as blocked_by,
       a.query = '<insufficient privilege>'                            as hidden
  from pg_stat_activity a
 where a.pid <> pg_backend_pid()
 order by a.xact_start nulls last, a.pid
