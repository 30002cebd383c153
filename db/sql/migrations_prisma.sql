-- Prisma: a started but unfinished migration failed; rolled-back rows are
-- history only.
SELECT migration_name::text AS version, migration_name::text AS name, checksum::text AS checksum,
       coalesce(finished_at, started_at)::timestamptz AS applied_at, NULL::text AS applied_by,
       (extract(epoch FROM finished_at - started_at) * 1000)::float8 AS duration_ms,
       finished_at IS NOT NULL AS ok, false AS no_tx
FROM {{table}}
WHERE rolled_back_at IS NULL
ORDER BY started_at, migration_name
