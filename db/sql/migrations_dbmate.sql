-- dbmate and Rails keep one row per applied version, nothing else.
SELECT version::text AS version, NULL::text AS name, NULL::text AS checksum,
       NULL::timestamptz AS applied_at, NULL::text AS applied_by, NULL::float8 AS duration_ms,
       true AS ok, false AS no_tx
FROM {{table}}
ORDER BY version
