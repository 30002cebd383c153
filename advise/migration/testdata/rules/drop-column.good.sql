CREATE TABLE draft (id bigint, nickname text);
ALTER TABLE draft DROP COLUMN nickname;
