-- migrate:up
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);

-- migrate:down
SELECT 1;
