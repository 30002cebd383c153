CREATE TABLE public.goose_db_version (
    id serial NOT NULL PRIMARY KEY,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp without time zone DEFAULT now()
);
INSERT INTO public.goose_db_version (version_id, is_applied, tstamp) VALUES (0, true, '2024-01-01 10:00:00');
INSERT INTO public.goose_db_version (version_id, is_applied, tstamp) VALUES (1, true, '2024-01-01 10:00:01');
INSERT INTO public.goose_db_version (version_id, is_applied, tstamp) VALUES (2, true, '2024-01-01 10:00:02');
INSERT INTO public.goose_db_version (version_id, is_applied, tstamp) VALUES (3, true, '2024-01-01 10:00:03');
INSERT INTO public.goose_db_version (version_id, is_applied, tstamp) VALUES (3, false, '2024-01-01 10:00:04');
