-- End a backend's session.
select pg_terminate_backend($1)
