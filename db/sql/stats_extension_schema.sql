-- The schema an extension is installed in; no row when it is not.
select extnamespace::regnamespace::text from pg_extension where extname = $1
