-- Forget a reverted migration.
DELETE FROM {{table}} WHERE version = $1
