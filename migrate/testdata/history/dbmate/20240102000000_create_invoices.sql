-- migrate:up
CREATE TABLE invoices (id bigint PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts);

-- migrate:down
SELECT 1;
