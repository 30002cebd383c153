-- Discussion on tasks, and the audit trail of everything that happens.

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id    bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    -- Comments stay when their author's account is deleted.
    author_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    body       text NOT NULL,
    edited_at  timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_task_id_idx ON comments (task_id);
CREATE INDEX comments_author_id_idx ON comments (author_id);

COMMENT ON TABLE comments IS 'Discussion on a task.';

-- PLANTED (no-primary-key): an append-only log without a primary key;
-- rows cannot be addressed one by one, and logical replication of
-- UPDATE/DELETE on it would fail.
CREATE TABLE activity_logs (
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- actor_id and task_id deliberately have no foreign key: the log must
    -- survive the deletion of the user or task it describes.
    actor_id        uuid,
    task_id         bigint,
    action          text NOT NULL
                    CHECK (action IN ('created', 'updated', 'commented', 'assigned', 'completed', 'deleted')),
    -- Well-designed twin of projects.settings: jsonb.
    payload         jsonb NOT NULL DEFAULT '{}',
    occurred_at     timestamptz NOT NULL DEFAULT now()
);

-- A task's history, newest first.
-- PLANTED (index-bloat): the retention job deletes old entries, which are
-- scattered all over this index; VACUUM frees the entries but leaves the
-- leaf pages mostly empty.
CREATE INDEX activity_logs_task_id_occurred_at_idx ON activity_logs (task_id, occurred_at DESC);

COMMENT ON TABLE activity_logs IS 'Audit trail; entries older than 90 days are deleted by a retention job.';
COMMENT ON COLUMN activity_logs.payload IS 'Action details, e.g. {"from": "todo", "to": "done"}.';
