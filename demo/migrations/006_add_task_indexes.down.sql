DROP INDEX tasks_completed_at_idx;
DROP INDEX tasks_project_id_status_idx;
