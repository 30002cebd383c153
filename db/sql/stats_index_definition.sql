-- The definition of one index, named as schema-qualified SQL text ($1,
-- built with pgx.Identifier so no name is ever spliced into SQL). Only
-- indexes are accepted: a table name gives no row.
select pg_get_indexdef(c.oid)
  from pg_class c
 where c.oid = to_regclass($1) and c.relkind in ('i', 'I')
