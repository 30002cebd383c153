-- The exact on-disk size of the current database. pg_database_size stats
-- every file of the database (no lock is taken), so it is slow on huge
-- catalogs and is read only on request, never on each refresh.
select pg_database_size(current_database())
