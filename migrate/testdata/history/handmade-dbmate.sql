CREATE TABLE public.schema_migrations (
    version character varying(128) NOT NULL PRIMARY KEY
);
INSERT INTO public.schema_migrations VALUES ('20240101000000');
INSERT INTO public.schema_migrations VALUES ('20240102000000');
