CREATE TABLE public._sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);
INSERT INTO public._sqlx_migrations VALUES (20240101000000, 'create accounts', '2024-01-01 10:00:00+00', true, '\x20d48565f90a1386b9309b2b6cfeb4459fc003dcb720d53b8bef68bbb1998841474a0339654e6593dfd4245af90ff499', 1500000);
INSERT INTO public._sqlx_migrations VALUES (20240102000000, 'create invoices', '2024-01-02 10:00:00+00', true, '\x499154b3cd45d133c041b8b7277b23bffd314f40a4beac32e5e7755651f0deafe3bb549ae228deb67306f9ac863fa010', 2500000);
