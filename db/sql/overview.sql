-- The Overview pane: one round trip for the whole card.
select current_setting('server_version')                                   as version,
       pg_postmaster_start_time()                                          as started_at,
       -- pg_database_size stats every file of the database (seconds on
       -- 100k relations): read only when the caller asks ($1).
       case when $1::bool then pg_database_size(current_database()) end    as database_bytes,
       (select count(*) from pg_namespace
         where nspname !~ '^pg_' and nspname <> 'information_schema')      as schemas,
       (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and n.nspname !~ '^pg_'
           and n.nspname <> 'information_schema')                          as tables,
       (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('i', 'I') and n.nspname !~ '^pg_'
           and n.nspname <> 'information_schema')                          as indexes,
       (select count(*) from pg_stat_activity where backend_type = 'client backend') as connections,
       (select count(*) from pg_stat_activity where state = 'active')      as active,
       (select count(*) from pg_stat_activity where state like 'idle in transaction%') as idle_in_transaction,
       current_setting('max_connections')::int                             as max_connections,
       (select blks_hit::float8 / nullif(blks_hit + blks_read, 0)
          from pg_stat_database where datname = current_database())       as cache_hit_ratio,
       (select xact_commit + xact_rollback
          from pg_stat_database where datname = current_database())       as transactions,
       exists (select 1 from pg_extension where extname = 'pg_stat_statements') as pgss_installed,
       pg_is_in_recovery()                                                 as in_recovery
