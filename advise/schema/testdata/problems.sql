-- Each problem the schema advisor knows, in schema bad, and its
-- well-designed twin in schema good (which must produce no finding at all).
create schema bad;
create schema good;

create table bad.orgs (id bigint generated always as identity primary key, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create table bad.users (id bigint generated always as identity primary key, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create table good.orgs (id bigint generated always as identity primary key, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create table good.users (id bigint generated always as identity primary key, created_at timestamptz not null default now(), updated_at timestamptz not null default now());

-- fk-missing-index, junction-missing-unique, nullable-fk, no-primary-key
create table bad.memberships (
  user_id bigint references bad.users on delete cascade,
  org_id bigint not null references bad.orgs,
  role text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table good.memberships (
  id bigint generated always as identity primary key,
  user_id bigint not null references good.users on delete cascade,
  org_id bigint not null references good.orgs,
  role text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, org_id)
);
create index on good.memberships (org_id);

-- float-money, timestamp-without-tz, varchar-length, char-type,
-- json-not-jsonb, serial-not-identity, int-pk-overflow-risk,
-- sequence-near-exhaustion, enum-like-text, duplicate-index
create table bad.payments (
  id serial primary key,
  amount double precision,
  paid_at timestamp,
  code varchar(20),
  country char(2),
  payload json,
  status text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_code_idx on bad.payments (code);
create index payments_code_country_idx on bad.payments (code, country);
create table good.payments (
  id bigint generated always as identity primary key,
  amount numeric(12,2),
  ratio double precision,
  paid_at timestamptz,
  code text check (char_length(code) <= 20),
  country text,
  payload jsonb,
  status text check (status in ('new', 'paid', 'refunded')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_code_country_idx on good.payments (code, country);
create unique index payments_code_key on good.payments (code);
create index payments_code_lower_idx on good.payments (code text_pattern_ops);
insert into bad.payments (amount, paid_at, code, country, payload, status)
select g, now(), 'c' || g, 'x', '{}', (array['new', 'paid', 'refunded'])[1 + g % 3] from generate_series(1, 2000) g;
insert into good.payments (amount, ratio, paid_at, code, country, payload, status)
select g, g / 3.0, now(), 'c' || g, 'country ' || g, '{}', (array['new', 'paid', 'refunded'])[1 + g % 3] from generate_series(1, 2000) g;
select setval('bad.payments_id_seq', 1800000000);

-- no-primary-key, missing-timestamps
create table bad.logs (message text);
create table good.logs (id bigint generated always as identity primary key, message text, created_at timestamptz not null default now(), updated_at timestamptz not null default now());

-- invalid-index (the failed concurrent build runs separately)
create table bad.dupes (id bigint generated always as identity primary key, v int, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
insert into bad.dupes (v) values (1), (1);
create table good.dupes (id bigint generated always as identity primary key, v int, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create unique index dupes_v_key on good.dupes (v);

-- partitions are judged at their parent
create table good.events (id bigint generated always as identity, at date not null, created_at timestamptz not null default now(), updated_at timestamptz not null default now(), primary key (id, at)) partition by range (at);
create table good.events_2024 partition of good.events for values from ('2024-01-01') to ('2025-01-01');

analyze;
