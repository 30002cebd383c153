CREATE TABLE people (id bigint, email text CHECK (length(email) <= 255));
