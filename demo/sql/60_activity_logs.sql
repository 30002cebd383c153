-- 300,000 log entries over the last 300 days, two per task, at random
-- times. They were backfilled from the previous system, newest task first
-- (descending task_id): each insert lands on the leftmost leaf of the
-- task_id index, and a leaf split there leaves its right half half empty
-- for good, so the index is born at about 50% fill. The payload goes with
-- the action.

INSERT INTO activity_logs (organization_id, actor_id, task_id, action, payload, occurred_at)
WITH u AS MATERIALIZED (
    SELECT array_agg(md5('pgdeck-demo-user-' || g)::uuid ORDER BY g) AS id FROM generate_series(1, 5000) AS g
)
SELECT (t - 1) % 200 + 1,
       u.id[(a * 31) % 5000 + 1],
       t,
       (ARRAY['created', 'updated', 'commented', 'assigned', 'completed', 'deleted'])[1 + a % 6],
       (ARRAY['{}', '{"field": "title"}', '{"comment": true}', '{"from": null, "to": "assignee"}',
              '{"from": "review", "to": "done"}', '{"soft": true}']::jsonb[])[1 + a % 6],
       now() - make_interval(secs => ((a::bigint * 104729) % 25920000)::double precision)
FROM generate_series(1, 300000) AS a, LATERAL (SELECT 150000 - (a - 1) / 2 AS t) AS k, u;
