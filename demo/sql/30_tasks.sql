-- 150,000 tasks, 75 per project, inserted round-robin over the projects
-- as a busy app would. For task t: p is its project, o its organization,
-- m counts the tasks of o created before it (0..749) and drives the
-- assignee, reporter, status and priority so they vary inside every
-- organization. The assignee is one of the 25 users whose home
-- organization is o (NULL for one task in ten): about 27 tasks per user.

INSERT INTO tasks (project_id, assignee_id, reporter_id, title, description, status, priority,
                   estimate_hours, due_at, completed_at, created_at, updated_at)
SELECT p,
       CASE WHEN m % 10 <> 9 THEN md5('pgdeck-demo-user-' || (o + 200 * (m % 25)))::uuid END,
       md5('pgdeck-demo-user-' || (o + 200 * ((m * 7 + 3) % 25)))::uuid,
       (ARRAY['Fix', 'Add', 'Update', 'Remove', 'Document', 'Refactor', 'Test', 'Design'])[1 + (m + o) % 8]
           || ' ' || (ARRAY['login page', 'invoice export', 'search', 'API rate limits', 'email digest', 'dark mode', 'audit log', 'onboarding flow', 'webhooks', 'permissions'])[1 + (m * 3 + o) % 10]
           || ' #' || t,
       'As a user of project ' || p || ' I want this done so that the team can move on. '
           || 'Acceptance: ' || md5(t::text) || ' ' || md5((t + 1)::text) || ' ' || md5((t + 2)::text),
       s,
       (ARRAY['low', 'medium', 'medium', 'high', 'urgent'])[1 + (m + o) % 5],
       ((m * 13 + o) % 40 + 1) * 0.5,
       CASE WHEN (m + o) % 5 <> 0 THEN c + make_interval(days => 3 + (m + o) % 40) END,
       CASE WHEN s = 'done' THEN c + make_interval(days => 1 + (m * 3 + o) % 30) END,
       c,
       c + make_interval(hours => (m * 17 + o) % 500)
FROM (
    SELECT t, p, o, m,
           CASE WHEN (m * 37 + o * 11) % 100 < 30 THEN 'todo'
                WHEN (m * 37 + o * 11) % 100 < 50 THEN 'in_progress'
                WHEN (m * 37 + o * 11) % 100 < 60 THEN 'review'
                WHEN (m * 37 + o * 11) % 100 < 95 THEN 'done'
                ELSE 'cancelled' END AS s,
           now() - make_interval(days => 1 + (t * 7919) % 365, mins => t % 1440) AS c
    FROM (
        SELECT t, (t - 1) % 2000 + 1 AS p, (t - 1) % 200 + 1 AS o, (t - 1) / 200 AS m
        FROM generate_series(1, 150000) AS t
    ) AS n
) AS g;
