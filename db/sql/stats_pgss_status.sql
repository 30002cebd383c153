-- Whether pg_stat_statements can be read now, and the setting to quote
-- when it cannot. shared_preload_libraries is readable only by superusers
-- and pg_read_all_settings members: null means "cannot tell".
select case when pg_has_role(current_user, 'pg_read_all_settings', 'MEMBER')
            then current_setting('shared_preload_libraries') end             as preload,
       (select extnamespace::regnamespace::text
          from pg_extension where extname = 'pg_stat_statements')           as schema,
       exists (select 1 from pg_available_extensions
                where name = 'pg_stat_statements')                          as available
