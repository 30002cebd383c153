-- goose appends a row per apply and per rollback: the latest row of each
-- version decides. Version 0 is goose's own initial row.
SELECT version_id::text AS version, NULL::text AS name, NULL::text AS checksum,
       tstamp::timestamptz AS applied_at, NULL::text AS applied_by, NULL::float8 AS duration_ms,
       true AS ok, false AS no_tx
FROM (SELECT DISTINCT ON (version_id) version_id, is_applied, tstamp
      FROM {{table}} ORDER BY version_id, id DESC) latest
WHERE is_applied AND version_id > 0
ORDER BY version_id
