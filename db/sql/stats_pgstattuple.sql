-- Exact table waste from pgstattuple: free space plus dead tuples (reads
-- the whole table under AccessShareLock).
select table_len::int8 as bytes, (free_space + dead_tuple_len)::int8 as waste_bytes
  from {{schema}}.pgstattuple($1::regclass)
