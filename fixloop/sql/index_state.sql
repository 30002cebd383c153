-- The state of an index by its (possibly qualified) name: whether a
-- relation of that name exists, whether it is an index, valid and ready,
-- its table and its key columns.
select c.oid is not null                         as exists,
       coalesce(c.relkind in ('i', 'I'), false)   as is_index,
       coalesce(i.indisvalid, false)              as valid,
       coalesce(i.indisready, false)              as ready,
       coalesce(i.indrelid::regclass::text, '')   as table_name,
       coalesce((select array_agg(a.attname::text order by k.n)
                 from unnest(i.indkey) with ordinality as k(attnum, n)
                 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                 where k.n <= i.indnkeyatts), '{}') as columns
from (select to_regclass($1) as oid) r
left join pg_class c on c.oid = r.oid
left join pg_index i on i.indexrelid = c.oid
