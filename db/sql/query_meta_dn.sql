-- \dn: schemas, without the system ones.
select n.nspname as "Name", pg_get_userbyid(n.nspowner) as "Owner"
from pg_namespace n
where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
order by 1
