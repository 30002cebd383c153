CREATE TABLE public.schema_migrations (
    version character varying NOT NULL PRIMARY KEY
);
INSERT INTO public.schema_migrations VALUES ('20240101000000');
INSERT INTO public.schema_migrations VALUES ('20240102000000');
CREATE TABLE public.ar_internal_metadata (
    key character varying NOT NULL PRIMARY KEY,
    value character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
INSERT INTO public.ar_internal_metadata VALUES ('environment', 'production', '2024-01-01 10:00:00', '2024-01-01 10:00:00');
