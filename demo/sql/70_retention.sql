-- PLANTED (index-bloat, and table bloat on activity_logs): the retention
-- job deletes entries older than 90 days, about 70% of the table. They are
-- scattered over activity_logs_task_id_occurred_at_idx, so after VACUUM
-- (run next, by the loader, outside this file) its leaf pages stay mostly
-- empty, and the heap keeps its size with most of it free space.
DELETE FROM activity_logs WHERE occurred_at < now() - interval '90 days';
