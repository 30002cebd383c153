-- \df: functions and procedures outside the system schemas. The placeholder is true when a pattern was given: psql then lists system objects too.
select n.nspname as "Schema", p.proname as "Name",
       pg_get_function_result(p.oid) as "Result data type",
       pg_get_function_arguments(p.oid) as "Argument data types",
       case p.prokind when 'a' then 'agg' when 'w' then 'window' when 'p' then 'proc' else 'func' end as "Type"
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
where %[1]t or (n.nspname <> 'information_schema' and n.nspname !~ '^pg_')
order by 1, 2, 4
