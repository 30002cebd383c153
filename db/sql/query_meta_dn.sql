-- \dn: schemas, without the system ones. The placeholder is true when a pattern was given: psql then lists system objects too.
select n.nspname as "Name", pg_get_userbyid(n.nspowner) as "Owner"
from pg_namespace n
where %[1]t or (n.nspname <> 'information_schema' and n.nspname !~ '^pg_')
order by 1
