-- Sequences by share of their range used. A sequence owned by an integer
-- or smallint column runs out when the column does, whatever the
-- sequence's own maximum. last_value is null for sequences this role may
-- not read, or that were never used.
select s.schemaname::text || '.' || s.sequencename::text                  as name,
       s.last_value::float8 / least(s.max_value,
         case t.typname when 'int2' then 32767 when 'int4' then 2147483647
                        else 9223372036854775807 end)::float8             as used
  from pg_sequences s
  left join pg_depend dep on dep.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
                         and dep.classid = 'pg_class'::regclass and dep.deptype in ('a', 'i')
  left join pg_attribute a on a.attrelid = dep.refobjid and a.attnum = dep.refobjsubid
  left join pg_type t on t.oid = a.atttypid
 where s.last_value is not null and s.increment_by > 0
 order by used desc
 limit 20
