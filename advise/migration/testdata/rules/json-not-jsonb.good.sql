SET lock_timeout = '2s';
ALTER TABLE events ADD COLUMN payload jsonb;
