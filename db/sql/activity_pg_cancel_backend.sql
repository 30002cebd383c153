-- Cancel a backend's running query (its session stays).
select pg_cancel_backend($1)
