CREATE TABLE invoices (id bigint, total_amount numeric(12,2), weight double precision);
