package demo

import (
	"testing"
)

// columnTypes counts the columns of the public schema's tables having type
// typ, and returns the first one as table.column.
const columnTypes = `SELECT count(*), min(c.relname || '.' || a.attname)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  AND format_type(a.atttypid, a.atttypmod) = $1`

// TestPlantedColumnTypes checks the planted column types, that each is the
// only one of its kind, and that the twins are well typed.
func TestPlantedColumnTypes(t *testing.T) {
	conn := connect(t)
	for _, c := range []struct{ typ, want string }{
		{"double precision", PlantedFloatMoneyTable + "." + PlantedFloatMoneyColumn},
		{"timestamp without time zone", PlantedTimestampTable + "." + PlantedTimestampColumn},
		{"json", PlantedJSONTable + "." + PlantedJSONColumn},
	} {
		var n int64
		var first string
		if err := conn.QueryRow(t.Context(), columnTypes, c.typ).Scan(&n, &first); err != nil {
			t.Fatal(err)
		}
		if n != 1 || first != c.want {
			t.Errorf("%s columns: %d, first %s; want exactly %s", c.typ, n, first, c.want)
		}
	}
	typeOf := `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`
	if typ := one[string](t, conn, typeOf, TwinMoneyTable, TwinMoneyColumn); typ != "numeric(12,2)" {
		t.Errorf("twin %s.%s is %s", TwinMoneyTable, TwinMoneyColumn, typ)
	}
	if typ := one[string](t, conn, typeOf, TwinJSONTable, TwinJSONColumn); typ != "jsonb" {
		t.Errorf("twin %s.%s is %s", TwinJSONTable, TwinJSONColumn, typ)
	}
}

// TestPlantedEnumLikeText checks that the status column has few distinct
// values in pg_stats, on a large enough table, with no CHECK, enum or
// foreign key, while its twin has a CHECK.
func TestPlantedEnumLikeText(t *testing.T) {
	conn := connect(t)
	nd := one[float64](t, conn, `SELECT n_distinct FROM pg_stats WHERE schemaname = 'public' AND tablename = $1 AND attname = $2`,
		PlantedEnumLikeTable, PlantedEnumLikeColumn)
	rows := one[float32](t, conn, `SELECT reltuples FROM pg_class WHERE oid = $1::regclass`, PlantedEnumLikeTable)
	distinct := nd
	if nd < 0 {
		distinct = -nd * float64(rows)
	}
	if distinct < 2 || distinct > 10 || rows < 1000 {
		t.Errorf("%s.%s: n_distinct %v on %v rows; want 2..10 distinct values on ≥ 1000 rows", PlantedEnumLikeTable, PlantedEnumLikeColumn, nd, rows)
	}
	typ := one[string](t, conn, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`,
		PlantedEnumLikeTable, PlantedEnumLikeColumn)
	if typ != "text" {
		t.Errorf("%s.%s is %s, want text", PlantedEnumLikeTable, PlantedEnumLikeColumn, typ)
	}
	constrained := `SELECT count(*) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
WHERE c.conrelid = $1::regclass AND a.attname = $2 AND c.contype IN ('c', 'f')`
	if n := one[int64](t, conn, constrained, PlantedEnumLikeTable, PlantedEnumLikeColumn); n != 0 {
		t.Errorf("%s.%s has %d CHECK/foreign key constraints, want none", PlantedEnumLikeTable, PlantedEnumLikeColumn, n)
	}
	if n := one[int64](t, conn, constrained, TwinEnumLikeTable, TwinEnumLikeColumn); n != 1 {
		t.Errorf("twin %s.%s has %d CHECK constraints, want 1", TwinEnumLikeTable, TwinEnumLikeColumn, n)
	}
}

// TestPlantedNoPrimaryKey checks that exactly one table lacks a primary key.
func TestPlantedNoPrimaryKey(t *testing.T) {
	conn := connect(t)
	var n int64
	var name string
	err := conn.QueryRow(t.Context(), `SELECT count(*), min(c.relname) FROM pg_class c
JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'public' AND c.relkind = 'r'
  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')`).Scan(&n, &name)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || name != PlantedNoPrimaryKey {
		t.Errorf("%d tables without a primary key (first %s), want only %s", n, name, PlantedNoPrimaryKey)
	}
}

// coveredPair counts the unique indexes (primary keys included) of table
// whose key columns include both columns.
const coveredPair = `SELECT count(*) FROM pg_index i
WHERE i.indrelid = $1::regclass AND i.indisunique
  AND (SELECT count(*) FROM pg_attribute a
       WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[]) AND a.attname = ANY ($2)) = 2`

// foreignKeyCols lists the single-column foreign keys of a table.
const foreignKeyCols = `SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.conrelid = $1::regclass AND c.contype = 'f'`

// TestPlantedJunctionMissingUnique checks that memberships links two
// tables without a unique constraint over both keys, while task_tags has one.
func TestPlantedJunctionMissingUnique(t *testing.T) {
	conn := connect(t)
	fks := one[[]string](t, conn, foreignKeyCols, PlantedJunctionMissingUnique)
	if len(fks) != 2 || fks[0] != PlantedJunctionColumns[0] || fks[1] != PlantedJunctionColumns[1] {
		t.Errorf("%s foreign keys %v, want %v", PlantedJunctionMissingUnique, fks, PlantedJunctionColumns)
	}
	if n := one[int64](t, conn, coveredPair, PlantedJunctionMissingUnique, PlantedJunctionColumns); n != 0 {
		t.Errorf("%s has %d unique indexes over %v, want none", PlantedJunctionMissingUnique, n, PlantedJunctionColumns)
	}
	twin := one[[]string](t, conn, foreignKeyCols, TwinJunction)
	if n := one[int64](t, conn, coveredPair, TwinJunction, twin); len(twin) != 2 || n != 1 {
		t.Errorf("twin %s: foreign keys %v, %d unique indexes over them; want 2 and 1", TwinJunction, twin, n)
	}
}

// TestComments checks that every table of the schema has a comment.
func TestComments(t *testing.T) {
	conn := connect(t)
	missing := one[[]string](t, conn, `SELECT coalesce(array_agg(c.relname::text), '{}') FROM pg_class c
JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
  AND obj_description(c.oid, 'pg_class') IS NULL`)
	if len(missing) > 0 {
		t.Errorf("tables without a comment: %v", missing)
	}
}

// TestAnalyzed checks that Load analyzed every table, so pg_stats-based
// advisors see the data at once.
func TestAnalyzed(t *testing.T) {
	conn := connect(t)
	missing := one[[]string](t, conn, `SELECT coalesce(array_agg(relname::text), '{}') FROM pg_stat_user_tables
WHERE schemaname = 'public' AND last_analyze IS NULL AND last_autoanalyze IS NULL`)
	if len(missing) > 0 {
		t.Errorf("tables never analyzed: %v", missing)
	}
}
