-- +goose Up
-- +goose NO TRANSACTION
BEGIN;
CREATE TABLE t (id bigint);
COMMIT;
SAVEPOINT s;
