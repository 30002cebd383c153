-- Atlas: a revision with an error or with fewer statements applied than
-- it has is partly applied; execution time in nanoseconds.
SELECT version::text AS version, description::text AS name, hash::text AS checksum,
       executed_at::timestamptz AS applied_at, NULL::text AS applied_by,
       (execution_time / 1e6)::float8 AS duration_ms,
       coalesce(error, '') = '' AND applied >= total AS ok, applied < total AS no_tx
FROM {{table}}
WHERE version <> '.atlas_cloud_identifiers'
ORDER BY version
