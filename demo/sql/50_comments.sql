-- 150,000 comments spread by a multiplicative hash over the first 120,000
-- tasks; tasks 120,001 and up have no discussion yet.

INSERT INTO comments (task_id, author_id, body, edited_at, created_at)
WITH u AS MATERIALIZED (
    SELECT array_agg(md5('pgdeck-demo-user-' || g)::uuid ORDER BY g) AS id FROM generate_series(1, 5000) AS g
)
SELECT ((c - 1) * 7919) % 120000 + 1,
       CASE WHEN c % 50 <> 0 THEN u.id[(c * 13) % 5000 + 1] END,
       (ARRAY['Looks good to me.', 'Can we split this into two tasks?', 'Blocked by the API change.',
              'I will take this one.', 'Done, please review.', 'Needs a test.'])[1 + c % 6]
           || ' (comment #' || c || ')',
       CASE WHEN c % 9 = 0 THEN now() - make_interval(days => c % 100) END,
       now() - make_interval(days => c % 365, mins => c % 1440)
FROM generate_series(1, 150000) AS c, u;
