package db

import (
	"context"
	"errors"
	"testing"
)

// TestMigratorRefusesPgBouncer: `migrate up --read-write` through a
// transaction pooler applied migrations, because read-write mode sends no
// startup parameter PgBouncer rejects and so nothing detected it. The
// runner's connection now probes for the pooler itself.
func TestMigratorRefusesPgBouncer(t *testing.T) {
	ctx := context.Background()
	b, err := transactionBouncer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m, err := OpenMigrator(ctx, Config{DSN: b.ConnString("postgres"), ReadWrite: true}, "schema_migrations", "pgdeck_migrations")
	if err == nil {
		m.Close()
	}
	if !errors.Is(err, ErrMigratePgBouncer) {
		t.Fatalf("OpenMigrator through pgbouncer: want ErrMigratePgBouncer, got %v", err)
	}
	direct, err := OpenMigrator(ctx, Config{DSN: srv.ConnString("postgres"), ReadWrite: true}, "schema_migrations", "pgdeck_migrations")
	if err != nil {
		t.Fatalf("OpenMigrator direct: %v", err)
	}
	direct.Close()
}
