-- +goose Up
CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts);

-- +goose Down
DROP TABLE invoices;
