package main

import "path/filepath"

func scenarios(tools, node, here string) []scenario {
	migrate := filepath.Join(tools, "migrate")
	goose := filepath.Join(tools, "goose")
	nodeEnv := []string{"NODE_PATH=" + filepath.Join(node, "node_modules")}
	return []scenario{
		{name: "golang-migrate", tables: []string{"public.schema_migrations"},
			steps: func(url, _ string) [][]string {
				return [][]string{{migrate, "-path", "golang-migrate", "-database", url, "up", "2"}}
			}},
		{name: "golang-migrate-dirty", tables: []string{"public.schema_migrations"}, failOK: true,
			steps: func(url, _ string) [][]string {
				return [][]string{{migrate, "-path", "golang-migrate-dirty", "-database", url, "up"}}
			}},
		{name: "goose", tables: []string{"public.goose_db_version"},
			steps: func(url, _ string) [][]string {
				return [][]string{
					{goose, "-dir", "goose", "postgres", url, "up"},
					{goose, "-dir", "goose", "postgres", url, "down"},
				}
			}},
		{name: "knex", tables: []string{"public.knex_migrations", "public.knex_migrations_lock"}, env: nodeEnv,
			steps: func(url, _ string) [][]string {
				return [][]string{{"node", "gen/knex.js"}}
			}},
		{name: "drizzle", tables: []string{"drizzle.__drizzle_migrations"}, env: nodeEnv,
			steps: func(url, _ string) [][]string {
				return [][]string{{"node", "gen/drizzle.js"}}
			}},
		{name: "alembic", tables: []string{"public.alembic_version"},
			steps: func(url, work string) [][]string {
				return [][]string{{"/usr/bin/python3", "gen/alembic_gen.py"}}
			}},
		{name: "django", tables: []string{"public.django_migrations"},
			steps: func(url, work string) [][]string {
				return [][]string{{"/usr/bin/python3", "gen/django_gen.py"}}
			}},
	}
}
