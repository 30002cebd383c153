-- 200 organizations and 5,000 users. User ids are derived from their
-- number (md5 of 'pgdeck-demo-user-N') so tests can name a user.

INSERT INTO organizations (name, slug, plan, monthly_fee, created_at, updated_at)
SELECT 'Organization ' || g,
       'org-' || g,
       (ARRAY['free', 'team', 'enterprise'])[1 + g % 3],
       (ARRAY[0, 49, 499])[1 + g % 3]::numeric(12, 2),
       now() - make_interval(days => 400 + g % 300),
       now() - make_interval(days => g % 30)
FROM generate_series(1, 200) AS g;

INSERT INTO users (id, email, full_name, created_at, updated_at, last_seen_at)
SELECT md5('pgdeck-demo-user-' || g)::uuid,
       'user' || g || '@example.com',
       (ARRAY['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Edsger', 'Frances', 'Dennis'])[1 + g % 8]
           || ' ' || (ARRAY['Lovelace', 'Hopper', 'Torvalds', 'Liskov', 'Thompson', 'Dijkstra', 'Allen', 'Ritchie'])[1 + (g / 8) % 8]
           || ' ' || g,
       now() - make_interval(days => 30 + g % 360),
       now() - make_interval(days => g % 30),
       (now() - make_interval(mins => g * 7 % 40000))::timestamp
FROM generate_series(1, 5000) AS g;
