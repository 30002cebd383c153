-- Where hypopg is installed (null: not installed) and whether the server
-- has its files.
select (select extnamespace::regnamespace::text from pg_extension where extname = 'hypopg') as schema,
       exists (select 1 from pg_available_extensions where name = 'hypopg')                 as available,
       current_setting('server_version_num')::int / 10000                                   as major
