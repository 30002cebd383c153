-- Planner statistics for the advisor: n_distinct (negative = a fraction
-- of the rows) and null_frac of every column the user may read, and the
-- most common values of text-like columns. Inherited rows (a parent's
-- statistics over its children) come after the table's own so the own
-- ones win. $1: include system schemas.
select s.schemaname as schema,
       s.tablename as table,
       s.attname as column,
       s.inherited as inherited,
       s.n_distinct::float8 as n_distinct,
       s.null_frac::float8 as null_frac,
       case when t.typcategory = 'S' then s.most_common_vals::text::text[] end as common,
       coalesce((select sum(f) from unnest(s.most_common_freqs) f), 0)::float8 as common_freq_sum
from pg_stats s
join pg_namespace n on n.nspname = s.schemaname
join pg_class c on c.relnamespace = n.oid and c.relname = s.tablename
join pg_attribute a on a.attrelid = c.oid and a.attname = s.attname
join pg_type t on t.oid = a.atttypid
where $1::bool
   or (s.schemaname not in ('pg_catalog', 'information_schema')
       and s.schemaname not like 'pg\_toast%' and s.schemaname not like 'pg\_temp\_%')
order by s.schemaname, s.tablename, s.attname, s.inherited
