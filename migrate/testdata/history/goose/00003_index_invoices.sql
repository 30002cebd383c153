-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY invoices_account_id_idx ON invoices (account_id);

-- +goose Down
DROP INDEX CONCURRENTLY invoices_account_id_idx;
