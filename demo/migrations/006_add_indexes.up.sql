-- Indexes added later, when the project board and the activity feed got
-- slow.

-- The organization's activity feed (read backwards: newest first).
CREATE INDEX activity_logs_organization_id_occurred_at_idx ON activity_logs (organization_id, occurred_at);

-- The board filters a project's tasks by status. This index makes
-- tasks_project_id_idx (from 004) redundant.
-- PLANTED (duplicate-index): tasks_project_id_idx is a leading prefix of
-- this one, same method, no predicate.
CREATE INDEX tasks_project_id_status_idx ON tasks (project_id, status);

-- PLANTED (unused-index): meant for a "recently completed" report that was
-- never built; no query uses it.
CREATE INDEX tasks_completed_at_idx ON tasks (completed_at);
