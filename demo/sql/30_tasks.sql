-- 150,000 tasks, 75 per project, inserted round-robin over the projects
-- as a busy app would. For task t: p is its project, o its organization,
-- m counts the tasks of o created before it (0..749) and drives the
-- assignee, reporter, status and priority so they vary inside every
-- organization. The assignee is one of the 25 users whose home
-- organization is o (NULL for one task in ten): about 27 tasks per user.
-- User ids are looked up in an array (u.id[N] is user N's id) rather than
-- hashed again for every row.

INSERT INTO tasks (project_id, assignee_id, reporter_id, title, description, status, priority,
                   estimate_hours, due_at, completed_at, created_at, updated_at)
WITH u AS MATERIALIZED (
    SELECT array_agg(md5('pgdeck-demo-user-' || g)::uuid ORDER BY g) AS id FROM generate_series(1, 5000) AS g
)
SELECT p,
       CASE WHEN m % 10 <> 9 THEN u.id[o + 200 * (m % 25)] END,
       u.id[o + 200 * ((m * 7 + 3) % 25)],
       (ARRAY['Fix', 'Add', 'Update', 'Remove', 'Document', 'Refactor', 'Test', 'Design'])[1 + (m + o) % 8]
           || ' ' || (ARRAY['login page', 'invoice export', 'search', 'API rate limits', 'email digest', 'dark mode', 'audit log', 'onboarding flow', 'webhooks', 'permissions'])[1 + (m * 3 + o) % 10]
           || ' #' || t,
       'As a user of project ' || p || ' I want this done so that the team can move on. Acceptance: '
           || substr('the change is reviewed, tested on staging, documented in the changelog, '
                     'announced to support, measured on the dashboard for a week, and then the '
                     'feature flag is removed; the old code path is deleted in a follow-up task '
                     'and the runbook is updated with what we learned along the way.', 1 + t % 150, 110),
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
) AS g, u;
