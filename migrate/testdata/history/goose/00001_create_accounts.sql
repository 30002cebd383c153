-- +goose Up
CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);

-- +goose Down
DROP TABLE accounts;
