-- \d without a name: every relation outside the system schemas. The placeholder is true when a pattern was given: psql then lists system objects too.
select n.nspname as "Schema", c.relname as "Name",
       case c.relkind when 'r' then 'table' when 'v' then 'view' when 'm' then 'materialized view'
         when 'S' then 'sequence' when 'f' then 'foreign table' when 'p' then 'partitioned table' end as "Type",
       pg_get_userbyid(c.relowner) as "Owner"
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'v', 'm', 'S', 'f', 'p')
  and ((%[1]t or (n.nspname <> 'information_schema' and n.nspname !~ '^pg_')) or n.oid = pg_my_temp_schema())
order by 1, 2
