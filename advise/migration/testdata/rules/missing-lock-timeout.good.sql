SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN note text;
