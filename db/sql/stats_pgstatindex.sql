-- Exact btree leaf density from pgstattuple (reads the whole index under
-- AccessShareLock). {{schema}} is pgstattuple's schema, sanitised by the
-- caller. Waste: the leaf space beyond the default 90% fill, plus empty
-- and deleted pages.
select index_size::int8 as bytes,
       greatest(index_size - (leaf_pages * current_setting('block_size')::int8 * avg_leaf_density / 90.0)
                - (internal_pages + 1) * current_setting('block_size')::int8, 0)::int8 as waste_bytes
  from {{schema}}.pgstatindex($1::regclass)
