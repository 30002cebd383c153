-- PENDING, safe: a nullable column without a default changes only the
-- catalog; the ACCESS EXCLUSIVE lock it needs is held for an instant, and
-- lock_timeout makes it give up rather than queue behind a long query.
SET lock_timeout = '5s';
ALTER TABLE tasks ADD COLUMN archived_at timestamptz;
