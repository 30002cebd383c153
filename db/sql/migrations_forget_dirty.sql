-- After a forced version: forget records above it, and count those at or
-- below it as finished.
WITH gone AS (DELETE FROM {{table}} WHERE version > $1)
UPDATE {{table}} SET dirty = false WHERE version <= $1 AND dirty
