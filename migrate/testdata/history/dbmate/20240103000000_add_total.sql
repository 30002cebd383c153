-- migrate:up
ALTER TABLE invoices ADD COLUMN total numeric(12,2);

-- migrate:down
SELECT 1;
