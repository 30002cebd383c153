-- Organizations are the tenants of the app; users can belong to several.

CREATE TABLE organizations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE,
    plan        text NOT NULL DEFAULT 'free'
                CHECK (plan IN ('free', 'team', 'enterprise')),
    -- Well-designed twin of projects.budget: money stored as numeric.
    monthly_fee numeric(12, 2) NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE organizations IS 'Tenants: every project, tag and activity entry belongs to one organization.';
COMMENT ON COLUMN organizations.slug IS 'URL-safe unique name used in links.';
COMMENT ON COLUMN organizations.monthly_fee IS 'Subscription price per month, in the organization''s billing currency.';

CREATE TABLE users (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email        text NOT NULL UNIQUE,
    full_name    text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- PLANTED (timestamp-without-tz): stored without a time zone, so the
    -- value depends on the TimeZone setting of whoever wrote it.
    last_seen_at timestamp
);

COMMENT ON TABLE users IS 'People who log in; a user joins organizations through memberships.';
COMMENT ON COLUMN users.last_seen_at IS 'Last request seen from this user (local time of the app server, unfortunately).';
