DROP INDEX tasks_updated_at_idx;
