CREATE TABLE people (id bigint, email varchar(255));
