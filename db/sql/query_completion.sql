-- Completion candidates for the Query editor in one round trip: kind is
-- k (keyword), s (schema), r (relation), c (column, parent = its
-- relation) or f (function). visible says the object is reachable without
-- its schema (search_path); ord is a column's position. Columns come
-- last, after the relations they belong to. Other sessions' temp and toast
-- schemas are left out; so are functions of system schemas other than
-- pg_catalog.
with rels as (
  select c.oid, n.nspname, c.relname, pg_table_is_visible(c.oid) as visible
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'f')
    and n.nspname !~ '^pg_toast' and (n.nspname !~ '^pg_temp_' or n.oid = pg_my_temp_schema())
)
select * from (
select 'k' as kind, '' as schema, word as name, '' as parent, true as visible, 0 as ord
from pg_get_keywords()
where catcode in ('R', 'T', 'C') or word in ('analyze', 'begin', 'commit', 'rollback', 'set', 'show', 'explain', 'vacuum', 'values', 'truncate', 'delete', 'insert', 'update', 'index', 'view', 'returning', 'conflict', 'nothing', 'rows', 'first', 'last', 'nulls', 'over', 'partition', 'range', 'materialized', 'recursive', 'schema', 'sequence', 'temporary', 'add', 'alter', 'drop', 'cascade', 'comment', 'copy', 'declare', 'function', 'language', 'replace', 'returns', 'trigger', 'type')
union all
select 's', nspname, nspname, '', true, 0
from pg_namespace
where nspname !~ '^pg_toast' and (nspname !~ '^pg_temp_' or oid = pg_my_temp_schema())
union all
select 'r', nspname, relname, '', visible, 0 from rels
union all
select 'c', r.nspname, a.attname, r.relname, r.visible, a.attnum
from rels r
join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
union all
select distinct 'f', n.nspname, p.proname, '', pg_function_is_visible(p.oid), 0
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
where (n.nspname !~ '^pg_' or n.nspname = 'pg_catalog') and n.nspname <> 'information_schema'
  and p.prokind in ('f', 'a', 'w')
) x
order by case kind when 'c' then 1 else 0 end, schema, parent, ord, name
