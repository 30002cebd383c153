-- Hostile identifiers: mixed case, spaces, quotes, unicode, keywords and
-- 63-byte names, each carrying a problem so every fix must quote them.
create schema "Weird ""Schema""";
create table "Weird ""Schema""".users ("ID" bigint generated always as identity primary key);
create table "Weird ""Schema"""."Order Items" (
  "select" serial primary key,
  "Total Price" double precision,
  "Payload ☃" json,
  "When" timestamp,
  "user" bigint references "Weird ""Schema""".users on delete cascade,
  "Länge_der_Bezeichnung_ist_wirklich_sehr_sehr_lang_und_mehr_xxx" varchar(10)
);
create table "Weird ""Schema"""."table" ("group" text);
create table "Weird ""Schema""".ábcdefghijklmnopqrstuvwxyzábcdefghijklmnopqrstuvwxyzábcdefgh (x int);
create index "Dup ""1""" on "Weird ""Schema"""."Order Items" ("Total Price");
create index "Dup 2" on "Weird ""Schema"""."Order Items" ("Total Price", "When");
