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
-- 1: the hash atlas.sum holds for the file; 2: Atlas ignores the file's
-- sum (-- atlas:sum ignore); 3: the hash of an earlier version of the file.
INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('20240101000000', 'create_accounts', 2, 1, 1, '2024-01-01 10:00:00+00', 3000000, NULL, NULL, 'WIUh4NfDwd9NTO86XhIhmH9VCOVE60E9CgjK+Nc5chs=', NULL, 'Atlas CLI v0.30.0');
INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('20240102000000', 'create_invoices', 2, 1, 1, '2024-01-02 10:00:00+00', 4000000, NULL, NULL, 'not-summed', NULL, 'Atlas CLI v0.30.0');
INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('20240103000000', 'add_total', 2, 1, 1, '2024-01-03 10:00:00+00', 4000000, NULL, NULL, 'yB0Wk0cKc7nHBQ0rLKvHOoG3bSYmLMWv6Vc1UCkGyEA=', NULL, 'Atlas CLI v0.30.0');
