package db

import "testing"

// TestReadOnlyRefusal checks the gate's verdicts on the parse tree alone;
// the server-side proofs live beside the runner's tests.
func TestReadOnlyRefusal(t *testing.T) {
	refused := []string{
		"SET default_transaction_read_only = off",
		"set transaction_read_only to off",
		"RESET default_transaction_read_only",
		"RESET ALL",
		"DISCARD ALL",
		"BEGIN READ WRITE",
		"START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE",
		"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
		"SET TRANSACTION READ WRITE",
		"select set_config('default_transaction_read_only', 'off', false)",
		"with x as (select 1) select * from (select pg_catalog.set_config('transaction_read_only'::text, 'off', true)) s",
		"select set_config(current_user, 'off', false)",
		"VACUUM",
		"CREATE INDEX CONCURRENTLY i ON t(x)",
		"DROP INDEX CONCURRENTLY i",
		"CREATE DATABASE x",
		"DROP DATABASE x",
		"ALTER SYSTEM SET work_mem = '1MB'",
		"COPY t TO PROGRAM 'touch /tmp/x'",
		"DO $$ begin perform 1; end $$",
		"COMMIT PREPARED 'x'",
		"select 1; SET default_transaction_read_only = off",
	}
	for _, sql := range refused {
		if ReadOnlyRefusal(sql) == nil {
			t.Errorf("not refused: %s", sql)
		}
	}
	allowed := []string{
		"select 1", "BEGIN", "BEGIN READ ONLY", "COMMIT", "SAVEPOINT a", "SET work_mem = '8MB'",
		"SET TRANSACTION READ ONLY", "select set_config('work_mem', '8MB', false)", "SHOW transaction_read_only",
	}
	for _, sql := range allowed {
		if err := ReadOnlyRefusal(sql); err != nil {
			t.Errorf("refused %s: %v", sql, err)
		}
	}
}
