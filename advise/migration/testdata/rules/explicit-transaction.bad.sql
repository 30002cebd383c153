-- +goose Up
BEGIN;
CREATE TABLE t (id bigint);
COMMIT;
