-- The current type of a column, as format_type prints it; $1 is the
-- table's name as SQL would write it (qualified or resolved by search_path).
SELECT format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a
WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped
