package db

import (
	"context"
	"io"
	"testing"
)

// benchSQL is bench/query_csv.sh's 10 mixed columns.
const benchSQL = `select g as id, g * 1.25::numeric(12,2) as amount, md5(g::text) as hash,
  'name ' || g as name, g % 2 = 0 as flag, timestamptz '2024-01-01 00:00+00' + g * interval '1 second' as ts,
  array[g, g + 1] as arr, jsonb_build_object('k', g) as js, case when g % 7 = 0 then null else 'x,"y"' end as quoted,
  (g / 3.0)::float8 as ratio
from generate_series(1, 200000) g`

// BenchmarkQueryCSV streams 200,000 rows × 10 columns through the csv
// writer, as `pgdeck query --format csv` does (client and server time).
func BenchmarkQueryCSV(b *testing.B) {
	d, err := Open(context.Background(), Config{DSN: srv.ConnString("postgres")})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	r := d.NewRunner(RunOptions{})
	for b.Loop() {
		w, _ := NewResultWriter(io.Discard, "csv")
		if err := RunScript(context.Background(), r, benchSQL, w, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSVWriter is the writer alone on rows like the query's.
func BenchmarkCSVWriter(b *testing.B) {
	row := [][]byte{[]byte("123456"), []byte("154320.00"), []byte("e10adc3949ba59abbe56e057f20f883e"),
		[]byte("name 123456"), []byte("t"), []byte("2024-01-02 10:17:36+00"), []byte("{123456,123457}"),
		[]byte(`{"k": 123456}`), []byte(`x,"y"`), []byte("41152")}
	w, _ := NewResultWriter(io.Discard, "csv")
	_ = w.Columns(make([]Column, 10))
	for b.Loop() {
		for range 1000 {
			_ = w.Row(row)
		}
	}
}
