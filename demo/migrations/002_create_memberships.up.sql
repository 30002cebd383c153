-- Which user belongs to which organization, and with which role.

CREATE TABLE memberships (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Leaving or deleting an organization removes its memberships.
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL DEFAULT 'member'
                    CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
    -- PLANTED (junction-missing-unique): nothing stops the same user from
    -- joining the same organization twice; UNIQUE (organization_id, user_id)
    -- is missing. The surrogate id primary key does not help.
);

CREATE INDEX memberships_organization_id_idx ON memberships (organization_id);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

COMMENT ON TABLE memberships IS 'Link between users and organizations, with the user''s role there.';
COMMENT ON COLUMN memberships.role IS 'owner, admin, member or guest.';
