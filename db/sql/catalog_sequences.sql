-- Sequences with their range and position, and the column owning them
-- (serial: auto dependency; identity: internal). pg_sequences hides
-- last_value (null) from users without USAGE or SELECT on the sequence.
-- $1: include system schemas.
select s.schemaname as schema,
       s.sequencename as name,
       s.data_type::text as data_type,
       s.start_value as start,
       s.min_value as min,
       s.max_value as max,
       s.increment_by as increment,
       s.cache_size as cache,
       s.cycle as cycle,
       s.last_value as last_value,
       own.schema as owner_schema,
       own.name as owner_name,
       own.col as owner_column,
       coalesce(own.deptype = 'i', false) as identity
from pg_sequences s
join pg_namespace sn on sn.nspname = s.schemaname
join pg_class sc on sc.relnamespace = sn.oid and sc.relname = s.sequencename
left join lateral (
    select tn.nspname as schema, tc.relname as name, a.attname as col, d.deptype::text as deptype
    from pg_depend d
    join pg_class tc on tc.oid = d.refobjid
    join pg_namespace tn on tn.oid = tc.relnamespace
    join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where d.classid = 'pg_class'::regclass
      and d.objid = sc.oid
      and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 and d.deptype in ('a', 'i')
    limit 1) own on true
where $1::bool
   or (s.schemaname not in ('pg_catalog', 'information_schema')
       and s.schemaname not like 'pg\_toast%' and s.schemaname not like 'pg\_temp\_%')
order by s.schemaname, s.sequencename
