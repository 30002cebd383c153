-- Indexes added later, when the project board got slow.

-- The board filters a project's tasks by status. This index makes
-- tasks_project_id_idx (from 004) redundant.
-- PLANTED (duplicate-index): tasks_project_id_idx is a leading prefix of
-- this one, same method, no predicate.
CREATE INDEX tasks_project_id_status_idx ON tasks (project_id, status);

-- PLANTED (unused-index): meant for a "recently completed" report that was
-- never built; no query uses it.
CREATE INDEX tasks_completed_at_idx ON tasks (completed_at);
