-- sqlx: SHA-384 checksum as bytea, execution time in nanoseconds.
SELECT version::text AS version, description::text AS name, encode(checksum, 'hex') AS checksum,
       installed_on::timestamptz AS applied_at, NULL::text AS applied_by,
       (execution_time / 1e6)::float8 AS duration_ms, success AS ok, false AS no_tx
FROM {{table}}
ORDER BY version
