CREATE TABLE public."_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000001', '1cc2fbdc9e040995a5586b46001c84470de878cd540dc6af904e19e78b92ff4c', '2024-01-01 10:00:01+00', '20240101000000_init', NULL, NULL, '2024-01-01 10:00:00+00', 1);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000002', '1746b1c6e09cfcba68d1912f2547d3b7f3d56ef93286525dbf33d5d68f49da8e', '2024-01-02 10:00:01+00', '20240102000000_invoices', NULL, NULL, '2024-01-02 10:00:00+00', 1);
INSERT INTO public."_prisma_migrations" VALUES ('0b6f1c2e-0000-4000-8000-000000000003', '64a02f11650e4a9d0451753ac52bbf47b6f4db102723da17cb37add00e298f41', NULL, '20240103000000_total', 'relation "invoices" does not exist', NULL, '2024-01-03 10:00:00+00', 0);
