-- Record (or re-record) one migration in pgdeck's history.
INSERT INTO {{table}} (version, name, checksum, applied_at, applied_by, duration_ms, dirty, no_transaction)
VALUES ($1, $2, $3, now(), current_user || coalesce(' (' || $4::text || ')', ''), $5, $6, $7)
ON CONFLICT (version) DO UPDATE SET
    name = excluded.name, checksum = excluded.checksum, applied_at = excluded.applied_at,
    applied_by = excluded.applied_by, duration_ms = excluded.duration_ms,
    dirty = excluded.dirty, no_transaction = excluded.no_transaction
