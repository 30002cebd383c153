-- Drizzle: the journal timestamp of each applied migration and the
-- SHA-256 of its file.
SELECT created_at::text AS version, NULL::text AS name, hash::text AS checksum,
       to_timestamp(created_at / 1000.0) AS applied_at, NULL::text AS applied_by, NULL::float8 AS duration_ms,
       true AS ok, false AS no_tx
FROM {{table}}
ORDER BY created_at
