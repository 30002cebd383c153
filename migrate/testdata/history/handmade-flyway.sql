CREATE TABLE public.flyway_schema_history (
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
INSERT INTO public.flyway_schema_history VALUES (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', -2129470199, 'deploy', '2024-01-01 10:00:00', 12, true);
INSERT INTO public.flyway_schema_history VALUES (2, '2', 'create invoices', 'SQL', 'V2__create_invoices.sql', -318556637, 'deploy', '2024-01-02 10:00:00', 7, true);
