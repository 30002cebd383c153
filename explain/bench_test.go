package explain

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
)

// benchPartitions is the size of the benchmark fixture: an Append of this
// many Seq Scans, one per partition.
const benchPartitions = 10000

// TestGenerateBenchFixtures writes testdata/bench/append10k.{txt,json}.gz:
// EXPLAIN (ANALYZE, BUFFERS) of a filtered query over a table with 10,000
// partitions, captured from the throwaway server. It runs only with
// -update (creating the partitions takes a while).
func TestGenerateBenchFixtures(t *testing.T) {
	if !*update {
		t.Log("fixtures kept; run with -update to regenerate them")
		return
	}
	s := server(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	setup := `DROP TABLE IF EXISTS parted;
CREATE TABLE parted (id int, v int) PARTITION BY RANGE (id);
DO $$BEGIN FOR i IN 0..` + itoa(benchPartitions-1) + ` LOOP
  EXECUTE format('CREATE TABLE parted_%s PARTITION OF parted FOR VALUES FROM (%s) TO (%s)', i, i * 10, i * 10 + 10);
END LOOP; END$$;
INSERT INTO parted SELECT g, g % 7 FROM generate_series(0, ` + itoa(benchPartitions*10-1) + `) g;
ANALYZE parted;`
	if _, err := conn.Exec(ctx, setup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"TEXT", "JSON"} {
		out, err := capture(ctx, conn, nil, "ANALYZE, BUFFERS, FORMAT "+f, "SELECT * FROM parted WHERE v = 3")
		if err != nil {
			t.Fatal(err)
		}
		p := mustParse(t, out)
		if len(p.Nodes) != benchPartitions+1 {
			t.Fatalf("%s: %d nodes", f, len(p.Nodes))
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(out))
		zw.Close()
		ext := map[string]string{"TEXT": "txt", "JSON": "json"}[f]
		write(t, filepath.Join("testdata", "bench", "append10k."+ext+".gz"), buf.String())
	}
	if _, err := conn.Exec(ctx, "DROP TABLE parted"); err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string { return fmtRows(float64(i)) }

func readGz(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run TestGenerateBenchFixtures with -update)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBenchFixtures checks the fixtures are what the benchmarks claim.
func TestBenchFixtures(t *testing.T) {
	txt := readGz(t, "testdata/bench/append10k.txt.gz")
	js := readGz(t, "testdata/bench/append10k.json.gz")
	sameTree(t, "append10k", txt, js)
	p := mustParse(t, txt)
	if len(p.Nodes) != benchPartitions+1 || p.Root.NodeType != "Append" || p.Nodes[benchPartitions].NodeType != "Seq Scan" {
		t.Errorf("fixture shape: %d nodes, root %s", len(p.Nodes), p.Root.NodeType)
	}
}

func benchParse(b *testing.B, path string) {
	src := readGz(b, path)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		Findings(p, Options{})
	}
}

// BenchmarkParseAnalyze10kText and …JSON measure parse + metrics +
// findings of the 10,000-node plan (targets: ≤ 50 ms, ≤ 50 MB each).
func BenchmarkParseAnalyze10kText(b *testing.B) { benchParse(b, "testdata/bench/append10k.txt.gz") }

// BenchmarkParseAnalyze10kJSON is the JSON twin of the text benchmark.
func BenchmarkParseAnalyze10kJSON(b *testing.B) { benchParse(b, "testdata/bench/append10k.json.gz") }
