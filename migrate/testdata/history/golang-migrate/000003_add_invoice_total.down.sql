ALTER TABLE invoices DROP COLUMN total;
