package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// one runs a query that returns a single value and fails the test on error.
func one[T any](t *testing.T, conn *pgx.Conn, sql string, args ...any) T {
	t.Helper()
	var v T
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

// leadingIndexes counts the indexes of table whose first column is col.
const leadingIndexes = `SELECT count(*) FROM pg_index i
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = $1::regclass AND a.attname = $2`

func TestPlantedUnindexedForeignKey(t *testing.T) {
	conn := connect(t)
	col := one[string](t, conn, `SELECT a.attname FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.conname = $1 AND c.contype = 'f' AND c.conrelid = $2::regclass AND cardinality(c.conkey) = 1`,
		PlantedUnindexedFK, PlantedUnindexedFKTable)
	if col != PlantedUnindexedFKColumn {
		t.Fatalf("%s is on %s, want %s", PlantedUnindexedFK, col, PlantedUnindexedFKColumn)
	}
	if n := one[int64](t, conn, leadingIndexes, PlantedUnindexedFKTable, PlantedUnindexedFKColumn); n != 0 {
		t.Errorf("%d indexes lead with %s.%s, want none", n, PlantedUnindexedFKTable, col)
	}
	if !strings.Contains(SlowQuery, PlantedUnindexedFKColumn+" = $1") {
		t.Errorf("SlowQuery does not filter on %s", PlantedUnindexedFKColumn)
	}
	// Every other foreign key is covered by an index (no false positive).
	n := one[int64](t, conn, `SELECT count(*) FROM pg_constraint c
WHERE c.contype = 'f' AND c.conname <> $1 AND NOT EXISTS (
    SELECT FROM pg_index i WHERE i.indrelid = c.conrelid
    AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)`, PlantedUnindexedFK)
	if n != 0 {
		t.Errorf("%d other foreign keys lack an index", n)
	}
}

func TestPlantedDuplicateIndex(t *testing.T) {
	conn := connect(t)
	var dupTable, ofTable, dupAM, ofAM string
	var dupKeys, ofKeys []int16
	var dupUnique, dupPred, ofPred, dupExpr, ofExpr bool
	q := `SELECT i.indrelid::regclass::text, am.amname, i.indkey::int2[], i.indisunique,
       i.indpred IS NOT NULL, i.indexprs IS NOT NULL
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
WHERE i.indexrelid = $1::regclass`
	ctx := context.Background()
	if err := conn.QueryRow(ctx, q, PlantedDuplicateIndex).Scan(&dupTable, &dupAM, &dupKeys, &dupUnique, &dupPred, &dupExpr); err != nil {
		t.Fatal(err)
	}
	var ofUnique bool
	if err := conn.QueryRow(ctx, q, PlantedDuplicateIndexOf).Scan(&ofTable, &ofAM, &ofKeys, &ofUnique, &ofPred, &ofExpr); err != nil {
		t.Fatal(err)
	}
	if dupTable != ofTable || dupAM != ofAM || dupUnique || dupPred || ofPred || dupExpr || ofExpr {
		t.Fatalf("not comparable: %s on %s (%s, unique %v) vs %s on %s (%s)", PlantedDuplicateIndex, dupTable, dupAM, dupUnique, PlantedDuplicateIndexOf, ofTable, ofAM)
	}
	if len(dupKeys) >= len(ofKeys) {
		t.Fatalf("%s has %d columns, %s %d", PlantedDuplicateIndex, len(dupKeys), PlantedDuplicateIndexOf, len(ofKeys))
	}
	for i, k := range dupKeys {
		if ofKeys[i] != k {
			t.Fatalf("%s %v is not a prefix of %s %v", PlantedDuplicateIndex, dupKeys, PlantedDuplicateIndexOf, ofKeys)
		}
	}
	// No other pair of indexes is a prefix duplicate.
	n := one[int64](t, conn, `SELECT count(*) FROM pg_index a JOIN pg_index b
  ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
JOIN pg_class ca ON ca.oid = a.indexrelid JOIN pg_class cb ON cb.oid = b.indexrelid
WHERE ca.relam = cb.relam AND NOT a.indisunique AND a.indpred IS NULL AND b.indpred IS NULL
  AND a.indexprs IS NULL AND b.indexprs IS NULL AND a.indnatts <= b.indnatts
  AND (b.indkey::int2[])[0:a.indnatts - 1] = a.indkey::int2[]
  AND ca.relname <> $1`, PlantedDuplicateIndex)
	if n != 0 {
		t.Errorf("%d unplanted duplicate indexes", n)
	}
}

func TestPlantedUnusedIndex(t *testing.T) {
	conn := connect(t)
	// Scan counts are those right after Workload (snapshotStats).
	rows, err := conn.Query(t.Context(), `SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace s ON s.oid = c.relnamespace
WHERE s.nspname = 'public' AND NOT i.indisunique AND c.relname <> $1`, PlantedDuplicateIndex)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, name := range names {
		n, ok := workloadIndexScans[name]
		switch {
		case !ok:
			t.Errorf("%s missing from pg_stat_user_indexes", name)
		case name == PlantedUnusedIndex:
			found = true
			if n != 0 {
				t.Errorf("%s scanned %d times, want 0", name, n)
			}
		case n == 0:
			t.Errorf("%s never scanned by the workload: it would show as unused too", name)
		}
	}
	if !found {
		t.Errorf("%s not found among non-unique indexes", PlantedUnusedIndex)
	}
}

func TestPlantedBloatedIndex(t *testing.T) {
	conn := connect(t)
	ctx := context.Background()
	size := one[int64](t, conn, `SELECT pg_relation_size($1::regclass)`, PlantedBloatedIndex)
	def := one[string](t, conn, `SELECT pg_get_indexdef($1::regclass)`, PlantedBloatedIndex)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	fresh := strings.Replace(def, "INDEX "+PlantedBloatedIndex+" ", "INDEX bloat_check_fresh ", 1)
	if _, err := tx.Exec(ctx, fresh); err != nil {
		t.Fatalf("%s: %v", fresh, err)
	}
	var freshSize int64
	if err := tx.QueryRow(ctx, `SELECT pg_relation_size('bloat_check_fresh')`).Scan(&freshSize); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes, freshly built copy %d bytes (%.1f×)", PlantedBloatedIndex, size, freshSize, float64(size)/float64(freshSize))
	if size < 2*freshSize {
		t.Errorf("%s is %d bytes, a fresh copy %d: want at least twice as large", PlantedBloatedIndex, size, freshSize)
	}
	// The statistical estimate (what a pg_stats-based bloat query sees):
	// tuples × (index tuple header 8 + key width, MAXALIGNed, + line
	// pointer 4) over 90%-full 8 kB pages.
	estimate := one[float64](t, conn, `SELECT c.reltuples * (8 + ceil(sum(s.avg_width) / 8.0) * 8 + 4) / (8192 * 0.9) * 8192
FROM pg_class c, pg_stats s
WHERE c.oid = $1::regclass AND s.schemaname = 'public' AND s.tablename = $2 AND s.attname IN ('task_id', 'occurred_at')
GROUP BY c.reltuples`,
		PlantedBloatedIndex, PlantedBloatedTable)
	t.Logf("pg_stats-based estimate of the needed size: %.0f bytes (%.0f%% wasted)", estimate, 100*(1-estimate/float64(size)))
	if estimate > float64(size)/2 {
		t.Errorf("estimated size %.0f bytes is more than half of the real %d: the waste would not show", estimate, size)
	}
}
