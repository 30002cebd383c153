-- \di: indexes outside the system schemas, with their table. The placeholder is true when a pattern was given: psql then lists system objects too.
select n.nspname as "Schema", c.relname as "Name", 'index' as "Type",
       pg_get_userbyid(c.relowner) as "Owner", t.relname as "Table"
from pg_index i
join pg_class c on c.oid = i.indexrelid
join pg_class t on t.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
where (%[1]t or (n.nspname <> 'information_schema' and n.nspname !~ '^pg_')) or n.oid = pg_my_temp_schema()
order by 1, 2
