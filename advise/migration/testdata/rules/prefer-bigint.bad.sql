CREATE TABLE events (id integer PRIMARY KEY, account_id int NOT NULL);
