-- PENDING, DANGEROUS (create-index-not-concurrently): building an index on
-- the existing, large tasks table without CONCURRENTLY holds a SHARE lock
-- that blocks every INSERT, UPDATE and DELETE on tasks until it finishes.
CREATE INDEX tasks_updated_at_idx ON tasks (updated_at);
