-- PENDING, DANGEROUS (change-column-type): double precision to numeric
-- rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock.
ALTER TABLE projects ALTER COLUMN budget TYPE numeric(14, 2);
