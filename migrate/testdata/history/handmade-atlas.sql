CREATE SCHEMA IF NOT EXISTS atlas_schema_revisions;
CREATE TABLE atlas_schema_revisions.atlas_schema_revisions (
    version character varying NOT NULL PRIMARY KEY,
    description character varying NOT NULL,
    type bigint NOT NULL DEFAULT 2,
    applied bigint NOT NULL DEFAULT 0,
    total bigint NOT NULL DEFAULT 0,
    executed_at timestamp with time zone NOT NULL,
    execution_time bigint NOT NULL,
    error text,
    error_stmt text,
    hash character varying NOT NULL,
    partial_hashes jsonb,
    operator_version character varying NOT NULL
);
INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('20240101000000', 'create_accounts', 2, 1, 1, '2024-01-01 10:00:00+00', 3000000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0');
INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('20240102000000', 'create_invoices', 2, 1, 2, '2024-01-02 10:00:00+00', 4000000, 'relation "accounts" does not exist', 'ALTER TABLE invoices ...', 'h2', NULL, 'Atlas CLI v0.30.0');
