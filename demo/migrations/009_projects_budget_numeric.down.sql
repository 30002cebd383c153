ALTER TABLE projects ALTER COLUMN budget TYPE double precision;
