#!/bin/sh
# Compare `pgdeck query --format csv` with `psql --csv -c` on the same
# 1,000,000-row × 10-column query, in the same run: wall time, peak RSS
# (/usr/bin/time -v, "Maximum resident set size"), the client's own CPU
# time (user + system: what the client costs, apart from the server's
# share of the wall time) and that both print the
# same bytes.
#
# Usage: bench/query_csv.sh DSN [PSQL] [PGDECK]
#   DSN     a libpq connection string for a server pgdeck and psql reach
#   PSQL    psql binary (default: psql on PATH)
#   PGDECK  pgdeck binary (default: go build into a temp dir)
set -eu
DSN=${1:?usage: bench/query_csv.sh DSN [PSQL] [PGDECK]}
PSQL=${2:-psql}
PGDECK=${3:-}
ROWS=${ROWS:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$PGDECK" ]; then
	go build -o "$tmp/pgdeck" "$(dirname "$0")/.."
	PGDECK=$tmp/pgdeck
fi
SQL="select g as id, g * 1.25::numeric(12,2) as amount, md5(g::text) as hash,
  'name ' || g as name, g % 2 = 0 as flag, timestamptz '2024-01-01 00:00+00' + g * interval '1 second' as ts,
  array[g, g + 1] as arr, jsonb_build_object('k', g) as js, case when g % 7 = 0 then null else 'x,\"y\"' end as quoted,
  (g / 3.0)::float8 as ratio
from generate_series(1, $ROWS) g"

measure() { # name, command…
	name=$1; shift
	/usr/bin/time -v "$@" >"$tmp/$name.csv" 2>"$tmp/$name.time"
	wall=$(grep 'Elapsed (wall clock)' "$tmp/$name.time" | awk '{print $NF}')
	rss=$(grep 'Maximum resident set size' "$tmp/$name.time" | awk '{print $NF}')
	cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tmp/$name.time")
	printf '%-7s wall %s  client CPU %ss  peak RSS %d MB\n' "$name" "$wall" "$cpu" $((rss / 1024))
}
# Warm the cache once so neither run pays for it alone.
"$PSQL" -X -q -d "$DSN" -c "select count(*) from ($SQL) s" >/dev/null
for i in 1 2 3; do
	measure psql "$PSQL" -X --csv -d "$DSN" -c "$SQL"
	measure pgdeck "$PGDECK" query --format csv -c "$SQL" "$DSN"
done
if cmp -s "$tmp/psql.csv" "$tmp/pgdeck.csv"; then
	echo "output: identical ($(wc -c <"$tmp/psql.csv") bytes)"
else
	echo "output: DIFFERENT"; exit 1
fi
