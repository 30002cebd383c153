-- Server facts pgdeck adapts to: version, role, privileges, extensions.
select current_setting('server_version_num')::int                      as version_num,
       current_setting('server_version')                               as version,
       pg_is_in_recovery()                                              as in_recovery,
       current_user::text                                               as current_user,
       current_database()::text                                         as database,
       coalesce(inet_server_addr()::text, '')                           as server_addr,
       coalesce(inet_server_port(), 0)                                  as server_port,
       (select rolsuper from pg_roles where rolname = current_user)     as superuser,
       pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')        as read_all_stats,
       pg_postmaster_start_time()                                       as started_at,
       -- shared_preload_libraries is readable only by superusers and
       -- pg_read_all_settings members: null means "cannot tell".
       case when pg_has_role(current_user, 'pg_read_all_settings', 'MEMBER')
            then current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_stat_statements([ ,]|$)'
       end                                                              as pgss_preloaded,
       exists (select 1 from pg_extension where extname = 'pg_stat_statements') as pgss_installed,
       (select extnamespace::regnamespace::text from pg_extension where extname = 'pg_stat_statements') as pgss_schema,
       exists (select 1 from pg_available_extensions where name = 'hypopg') as hypopg_available,
       exists (select 1 from pg_extension where extname = 'hypopg')        as hypopg_installed,
       current_setting('default_transaction_read_only') = 'on'         as default_read_only
