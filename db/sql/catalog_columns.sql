-- Columns of every listed relation, with types, defaults, identity,
-- generation, collation (when not the type's default), comments and the
-- sequence a serial or identity column owns. $1: include system schemas.
-- attgenerated exists from PostgreSQL 12 ('v' virtual from 18). Comments
-- and sequences are joined as sets, not looked up per column: 100,000
-- columns must load in well under a second. No ORDER BY: sorting 100,000
-- wide rows costs the server more than the loader's placing each column
-- at its attnum.
select a.attrelid::int8 as relid,
       a.attnum as num,
       a.attname as name,
       format_type(a.atttypid, a.atttypmod) as type,
       coalesce(et.typname, t.typname) as base_type,
       coalesce(etn.nspname, tn.nspname) as type_schema,
       et.oid is not null as is_array,
       case when coalesce(et.typname, t.typname) in ('varchar', 'bpchar') and a.atttypmod >= 4
            then a.atttypmod - 4 else -1 end as length,
       coalesce(et.typtype, t.typtype) = 'e' as is_enum,
       a.attnotnull as not_null,
       case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end as "default",
       case a.attidentity when 'a' then 'always' when 'd' then 'by default' else '' end as identity,
       case when a.attgenerated <> '' then coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') else '' end as generated,
       case a.attgenerated when 's' then 'stored' when 'v' then 'virtual' else '' end as generated_kind,
       case when a.attcollation <> 0 and a.attcollation <> t.typcollation
            then quote_ident(cn.nspname) || '.' || quote_ident(co.collname) else '' end as collation,
       coalesce(ds.description, '') as comment,
       a.attislocal as local,
       seq.schema as seq_schema,
       seq.name as seq_name
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_type et on t.typcategory = 'A' and et.oid = t.typelem
left join pg_namespace etn on etn.oid = et.typnamespace
join pg_namespace tn on tn.oid = t.typnamespace
left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation
left join pg_namespace cn on cn.oid = co.collnamespace
left join pg_description ds on ds.objoid = a.attrelid and ds.classoid = 'pg_class'::regclass and ds.objsubid = a.attnum
left join (
    select distinct on (sd.refobjid, sd.refobjsubid)
           sd.refobjid, sd.refobjsubid, sn.nspname as schema, sc.relname as name
    from pg_depend sd
    join pg_class sc on sc.oid = sd.objid and sc.relkind = 'S'
    join pg_namespace sn on sn.oid = sc.relnamespace
    where sd.classid = 'pg_class'::regclass and sd.refclassid = 'pg_class'::regclass
      and sd.refobjsubid > 0 and sd.deptype in ('a', 'i')
    order by sd.refobjid, sd.refobjsubid, sc.relname) seq
  on seq.refobjid = a.attrelid and seq.refobjsubid = a.attnum and c.relkind in ('r', 'p')
where a.attnum > 0 and not a.attisdropped
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and ($1::bool
       or (n.nspname not in ('pg_catalog', 'information_schema')
           and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'))
