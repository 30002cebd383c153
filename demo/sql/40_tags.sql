-- Eight tags per organization; every task carries one of its
-- organization's tags, every fourth task a second one (see 30_tasks.sql
-- for why the choice depends on (t - 1) / 200).

INSERT INTO tags (organization_id, name, color, created_at)
SELECT o, n, c, now() - make_interval(days => 300)
FROM generate_series(1, 200) AS o,
     unnest(ARRAY['bug', 'feature', 'chore', 'docs', 'design', 'backend', 'frontend', 'urgent'],
            ARRAY['#d73a4a', '#a2eeef', '#cfd3d7', '#0075ca', '#e4e669', '#5319e7', '#fbca04', '#b60205'])
         WITH ORDINALITY AS x (n, c, k)
ORDER BY o, k;

INSERT INTO task_tags (task_id, tag_id, created_at)
SELECT t, (o - 1) * 8 + k + 1, now() - make_interval(days => t % 300)
FROM (
    SELECT t, (t - 1) % 200 + 1 AS o, ((t - 1) / 200) % 8 AS k FROM generate_series(1, 150000) AS t
    UNION ALL
    SELECT t, (t - 1) % 200 + 1, ((t - 1) / 200 + 3) % 8 FROM generate_series(1, 150000) AS t
    WHERE ((t - 1) / 200) % 4 = 0
) AS g;
