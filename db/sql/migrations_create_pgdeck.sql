-- pgdeck's history: one row per applied migration (removed on revert).
-- dirty marks a migration run outside a transaction that did not finish.
CREATE TABLE IF NOT EXISTS {{table}} (
    version        bigint NOT NULL PRIMARY KEY,
    name           text NOT NULL,
    checksum       text NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    applied_by     text NOT NULL DEFAULT current_user,
    duration_ms    double precision,
    dirty          boolean NOT NULL DEFAULT false,
    no_transaction boolean NOT NULL DEFAULT false
)
