-- golang-migrate keeps one row: the last version and whether it is dirty.
SELECT version::text AS version, NULL::text AS name, NULL::text AS checksum,
       NULL::timestamptz AS applied_at, NULL::text AS applied_by, NULL::float8 AS duration_ms,
       NOT dirty AS ok, false AS no_tx
FROM {{table}}
ORDER BY version
