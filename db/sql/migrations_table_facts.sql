-- Size and row count of the tables a migration touches, from the
-- planner's figures (relpages, reltuples as of the last VACUUM/ANALYZE):
-- no table is read or locked. $1: the names as the migration writes them
-- (quoted where needed), resolved through search_path as the migration
-- will be. A partitioned table sums its leaf partitions, and TOAST pages
-- count with their table. bytes and rows are NULL for a table never
-- vacuumed or analysed, whose size the catalog does not know.
SELECT n.name AS name,
       CASE WHEN c.oid IS NULL THEN '' ELSE format('%I.%I', ns.nspname, c.relname) END AS resolved,
       c.oid IS NOT NULL AS found,
       s.bytes AS bytes,
       s.rows AS rows
FROM unnest($1::text[]) WITH ORDINALITY AS n(name, ord)
LEFT JOIN pg_class c ON c.oid = to_regclass(n.name)
LEFT JOIN pg_namespace ns ON ns.oid = c.relnamespace
LEFT JOIN LATERAL (
    WITH RECURSIVE tree(oid) AS (
        SELECT c.oid
        UNION ALL
        SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.oid
    )
    SELECT (sum(p.relpages::bigint + coalesce(t.relpages, 0)) FILTER (WHERE p.reltuples >= 0)
            * current_setting('block_size')::bigint)::bigint AS bytes,
           sum(p.reltuples) FILTER (WHERE p.reltuples >= 0)::bigint AS rows
    FROM tree
    JOIN pg_class p ON p.oid = tree.oid AND p.relkind IN ('r', 'm', 't')
    LEFT JOIN pg_class t ON t.oid = p.reltoastrelid
) s ON c.oid IS NOT NULL
ORDER BY n.ord
