-- Flyway: versioned rows only (repeatable and baseline markers aside).
SELECT version::text AS version, description::text AS name, checksum::text AS checksum,
       installed_on::timestamptz AS applied_at, installed_by::text AS applied_by,
       execution_time::float8 AS duration_ms, success AS ok, false AS no_tx
FROM {{table}}
WHERE version IS NOT NULL AND type NOT IN ('BASELINE', 'UNDO_SQL', 'DELETE')
ORDER BY installed_rank
