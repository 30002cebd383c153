CREATE TABLE tmp_users (id bigint);
ALTER TABLE tmp_users RENAME TO new_users;
