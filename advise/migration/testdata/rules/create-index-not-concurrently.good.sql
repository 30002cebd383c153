CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text);
CREATE INDEX accounts_email_idx ON accounts (email);
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
