-- User N belongs to organization ((N-1) % 200) + 1; every third user also
-- to a second one. Each organization has 10 projects.

INSERT INTO memberships (organization_id, user_id, role, created_at)
SELECT o, md5('pgdeck-demo-user-' || u)::uuid,
       CASE WHEN u <= 200 THEN 'owner'
            WHEN u % 10 = 0 THEN 'admin'
            WHEN u % 17 = 0 THEN 'guest'
            ELSE 'member' END,
       now() - make_interval(days => u % 300)
FROM (
    SELECT u, ((u - 1) % 200) + 1 AS o FROM generate_series(1, 5000) AS u
    UNION ALL
    SELECT u, ((u - 1 + 37) % 200) + 1 FROM generate_series(3, 5000, 3) AS u
) AS m;

INSERT INTO projects (organization_id, owner_id, name, description, budget, settings, archived_at, created_at, updated_at)
SELECT ((p - 1) % 200) + 1,
       md5('pgdeck-demo-user-' || (((p - 1) % 200) + 1 + 200 * ((((p - 1) / 200) * 3) % 25)))::uuid,
       (ARRAY['Website', 'Mobile app', 'Billing', 'Onboarding', 'Data platform', 'Support', 'Marketing', 'Infrastructure', 'Security', 'Research'])[1 + (p - 1) / 200]
           || ' ' || p,
       'Project number ' || p || ' of organization ' || ((p - 1) % 200) + 1,
       (p % 97) * 1234.56 + 0.1,
       json_build_object('board_columns', json_build_array('todo', 'in_progress', 'review', 'done'),
                         'notify', p % 2 = 0),
       CASE WHEN p % 23 = 0 THEN now() - make_interval(days => p % 60) END,
       now() - make_interval(days => 200 + p % 200),
       now() - make_interval(days => p % 50)
FROM generate_series(1, 2000) AS p;
