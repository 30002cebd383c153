-- Invalid indexes (what a failed CREATE INDEX CONCURRENTLY leaves behind),
-- qualified and quoted as SQL needs them.
SELECT format('%I.%I', n.nspname, c.relname) AS name
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
ORDER BY 1
