-- golang-migrate's single row.
INSERT INTO {{table}} (version, dirty) VALUES ($1, $2)
