-- golang-migrate's own table, created exactly as golang-migrate does.
CREATE TABLE IF NOT EXISTS {{table}} (version bigint not null primary key, dirty boolean not null)
