-- Projects group tasks inside an organization.

CREATE TABLE projects (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- A project outlives the person who created it.
    owner_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    name            text NOT NULL,
    description     text,
    -- PLANTED (float-money): a budget in double precision accumulates
    -- rounding errors; it should be numeric(14, 2).
    budget          double precision,
    -- PLANTED (json-not-jsonb): json keeps the text as typed and cannot be
    -- indexed or compared; jsonb is the usual choice.
    settings        json NOT NULL DEFAULT '{}',
    archived_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX projects_organization_id_idx ON projects (organization_id);
CREATE INDEX projects_owner_id_idx ON projects (owner_id);

COMMENT ON TABLE projects IS 'A project of an organization; holds tasks.';
COMMENT ON COLUMN projects.budget IS 'Planned spend for the project.';
COMMENT ON COLUMN projects.settings IS 'Per-project preferences (board columns, notifications).';
