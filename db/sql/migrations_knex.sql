-- Knex: one row per migration file, in batches.
SELECT name::text AS version, name::text AS name, NULL::text AS checksum,
       migration_time::timestamptz AS applied_at, NULL::text AS applied_by, NULL::float8 AS duration_ms,
       true AS ok, false AS no_tx
FROM {{table}}
ORDER BY id
