-- Tasks are the heart of the app; tags label them per organization.

CREATE TABLE tasks (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id     bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- PLANTED (fk-missing-index): no index has assignee_id as its leading
    -- column, so "my tasks" scans the whole table and deleting a user
    -- (ON DELETE SET NULL) scans it too.
    assignee_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    -- Deleting a user who reported tasks is refused: reassign first.
    reporter_id    uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    title          text NOT NULL,
    description    text,
    -- PLANTED (enum-like-text): five distinct values, but free text with
    -- no CHECK, enum or lookup table; typos go straight in.
    status         text NOT NULL DEFAULT 'todo',
    -- Well-designed twin of status: few values, guarded by a CHECK.
    priority       text NOT NULL DEFAULT 'medium'
                   CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    estimate_hours numeric(6, 2),
    due_at         timestamptz,
    completed_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_project_id_idx ON tasks (project_id);
CREATE INDEX tasks_reporter_id_idx ON tasks (reporter_id);

COMMENT ON TABLE tasks IS 'Work items of a project.';
COMMENT ON COLUMN tasks.status IS 'todo, in_progress, review, done or cancelled (by convention only).';
COMMENT ON COLUMN tasks.assignee_id IS 'Who works on the task; NULL when unassigned.';

CREATE TABLE tags (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text NOT NULL,
    color           text NOT NULL DEFAULT '#888888' CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

COMMENT ON TABLE tags IS 'Labels an organization puts on its tasks.';

-- Well-designed twin of memberships: the primary key covers both foreign
-- keys, and the second one has its own index.
CREATE TABLE task_tags (
    task_id    bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag_id     bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, tag_id)
);

CREATE INDEX task_tags_tag_id_idx ON task_tags (tag_id);

COMMENT ON TABLE task_tags IS 'Which tags a task carries.';
