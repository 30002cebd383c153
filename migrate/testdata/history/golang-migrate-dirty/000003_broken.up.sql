CREATE TABLE ledger (id bigint PRIMARY KEY);
ALTER TABLE no_such_table ADD COLUMN total numeric;
