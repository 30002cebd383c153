-- Who holds the migration advisory lock (a bigint key is split into
-- classid/objid halves in pg_locks).
SELECT l.pid, coalesce(a.application_name, '') AS application_name, coalesce(a.usename::text, '') AS usename
FROM pg_locks l
LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295) AND l.objsubid = 1
LIMIT 1
