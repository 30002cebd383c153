"""Writes the history tables of the tools that do not install here
(Flyway, Prisma, sqlx, dbmate, Rails, Atlas), with each tool's DDL and its
checksums computed here in Python, independently of pgdeck's Go code.
V1 is applied as it is, V2 is applied but its file changed since (the
recorded checksum is of an older text), V3 is pending."""
import hashlib
import os
import zlib

here = os.path.join(os.path.dirname(__file__), "..")


def read(p):
    with open(os.path.join(here, p), "rb") as f:
        return f.read()


def flyway(b):
    text = b.decode("utf-8").lstrip("\ufeff")
    crc = 0
    for line in text.splitlines():
        crc = zlib.crc32(line.encode("utf-8"), crc)
    return crc - (1 << 32) if crc >= 1 << 31 else crc


OLD = b"CREATE TABLE invoices (id bigint PRIMARY KEY);\n"
out = {}
out["flyway"] = """CREATE TABLE public.flyway_schema_history (
    installed_rank integer NOT NULL PRIMARY KEY,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);
INSERT INTO public.flyway_schema_history VALUES (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', %d, 'deploy', '2024-01-01 10:00:00', 12, true);
INSERT INTO public.flyway_schema_history VALUES (2, '2', 'create invoices', 'SQL', 'V2__create_invoices.sql', %d, 'deploy', '2024-01-02 10:00:00', 7, true);
""" % (flyway(read("flyway/V1__create_accounts.sql")), flyway(OLD))
out["prisma"] = """CREATE TABLE public."_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000001', '%s', '2024-01-01 10:00:01+00', '20240101000000_init', NULL, NULL, '2024-01-01 10:00:00+00', 1);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000002', '%s', '2024-01-02 10:00:01+00', '20240102000000_invoices', NULL, NULL, '2024-01-02 10:00:00+00', 1);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000003', '%s', NULL, '20240103000000_total', 'relation "invoices" does not exist', NULL, '2024-01-03 10:00:00+00', 0);
""" % (hashlib.sha256(read("prisma/20240101000000_init/migration.sql")).hexdigest(),
       hashlib.sha256(OLD).hexdigest(),
       hashlib.sha256(read("prisma/20240103000000_total/migration.sql")).hexdigest())
out["sqlx"] = """CREATE TABLE public._sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);
INSERT INTO public._sqlx_migrations VALUES (20240101000000, 'create accounts', '2024-01-01 10:00:00+00', true, '\\x%s', 1500000);
INSERT INTO public._sqlx_migrations VALUES (20240102000000, 'create invoices', '2024-01-02 10:00:00+00', true, '\\x%s', 2500000);
""" % (hashlib.sha384(read("sqlx/20240101000000_create_accounts.sql")).hexdigest(), hashlib.sha384(OLD).hexdigest())
out["dbmate"] = """CREATE TABLE public.schema_migrations (
    version character varying(128) NOT NULL PRIMARY KEY
);
INSERT INTO public.schema_migrations VALUES ('20240101000000');
INSERT INTO public.schema_migrations VALUES ('20240102000000');
"""
out["rails"] = out["dbmate"].replace("character varying(128)", "character varying") + """CREATE TABLE public.ar_internal_metadata (
    key character varying NOT NULL PRIMARY KEY,
    value character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
INSERT INTO public.ar_internal_metadata VALUES ('environment', 'production', '2024-01-01 10:00:00', '2024-01-01 10:00:00');
"""
out["atlas"] = """CREATE SCHEMA IF NOT EXISTS atlas_schema_revisions;
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
"""
for name, sql in out.items():
    with open(os.path.join(here, "handmade-" + name + ".sql"), "w") as f:
        f.write(sql)
