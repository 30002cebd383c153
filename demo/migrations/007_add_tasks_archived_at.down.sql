ALTER TABLE tasks DROP COLUMN archived_at;
