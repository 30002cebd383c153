-- pgdeck's own history.
SELECT version::text AS version, name, checksum, applied_at, applied_by, duration_ms,
       NOT dirty AS ok, no_transaction AS no_tx
FROM {{table}}
ORDER BY version
