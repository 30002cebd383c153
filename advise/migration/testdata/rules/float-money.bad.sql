CREATE TABLE invoices (id bigint, total_amount double precision);
