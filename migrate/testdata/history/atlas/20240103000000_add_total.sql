ALTER TABLE invoices ADD COLUMN total numeric(12,2);
