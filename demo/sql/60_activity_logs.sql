-- 300,000 log entries over the last 300 days, in random order of time and
-- task, as a busy app writes them.

INSERT INTO activity_logs (organization_id, actor_id, task_id, action, payload, occurred_at)
SELECT a % 200 + 1,
       md5('pgdeck-demo-user-' || ((a * 31) % 5000 + 1))::uuid,
       (a::bigint * 7919) % 120000 + 1,
       (ARRAY['created', 'updated', 'commented', 'assigned', 'completed', 'deleted'])[1 + a % 6],
       jsonb_build_object('from', 'todo', 'to', 'in_progress', 'n', a),
       now() - make_interval(secs => ((a::bigint * 104729) % 25920000)::double precision)
FROM generate_series(1, 300000) AS a;
