-- Tables that may be a migration tool's history, with their columns, so
-- the tool can be recognised by the table's shape. $1: candidate names.
SELECT n.nspname::text AS schema,
       c.relname::text AS name,
       array_agg(a.attname::text ORDER BY a.attnum) AS columns,
       array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) AS types
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND c.relname = ANY($1::text[])
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND has_table_privilege(c.oid, 'SELECT')
GROUP BY n.nspname, c.relname
ORDER BY n.nspname = current_schema() DESC, n.nspname, c.relname
