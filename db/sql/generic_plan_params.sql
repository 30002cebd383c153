-- The parameter types the server inferred for a prepared statement.
select coalesce(parameter_types::text[], '{}') from pg_prepared_statements where name = $1
