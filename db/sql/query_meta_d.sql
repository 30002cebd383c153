-- \d NAME: the columns of one relation; the placeholder takes the quoted name.
select a.attname as "Column",
       format_type(a.atttypid, a.atttypmod) as "Type",
       coalesce(co.collname, '') as "Collation",
       case when a.attnotnull then 'not null' else '' end as "Nullable",
       coalesce(pg_get_expr(d.adbin, d.adrelid), '') as "Default"
from pg_attribute a
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation and a.attcollation <> (select oid from pg_collation where collname = 'default')
where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped
order by a.attnum
