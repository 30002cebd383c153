-- 300,000 log entries over the last 300 days, in random order of time and
-- task, as a busy app writes them. The payload goes with the action.

INSERT INTO activity_logs (organization_id, actor_id, task_id, action, payload, occurred_at)
WITH u AS MATERIALIZED (
    SELECT array_agg(md5('pgdeck-demo-user-' || g)::uuid ORDER BY g) AS id FROM generate_series(1, 5000) AS g
)
SELECT a % 200 + 1,
       u.id[(a * 31) % 5000 + 1],
       (a::bigint * 7919) % 150000 + 1,
       (ARRAY['created', 'updated', 'commented', 'assigned', 'completed', 'deleted'])[1 + a % 6],
       (ARRAY['{}', '{"field": "title"}', '{"comment": true}', '{"from": null, "to": "assignee"}',
              '{"from": "review", "to": "done"}', '{"soft": true}']::jsonb[])[1 + a % 6],
       now() - make_interval(secs => ((a::bigint * 104729) % 25920000)::double precision)
FROM generate_series(1, 300000) AS a, u;
