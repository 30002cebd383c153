-- golang-migrate's mark: the last version and whether it is dirty.
SELECT version, dirty FROM {{table}} LIMIT 1
