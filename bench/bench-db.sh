# Sourced by the benchmarks: the database a benchmark's host runs on, chosen by DB=sqlite (default) or DB=postgres.
#   bench_db_start WORK   sets CONNECTION (a fresh SQLite file in WORK, or a throwaway PostgreSQL 15 started with
#                         tests/postgres/pg-start.sh, the server the tests use)
#   bench_db_scalar SQL   prints one value from that database ("?" if it cannot be read)
#   bench_db_stop         stops the PostgreSQL server (call it from the benchmark's EXIT trap)
DB=${DB:-sqlite}
BENCH_PGDIR=

bench_db_start() {
  case "$DB" in
    sqlite) CONNECTION="Data Source=$1/bench.db" ;;
    postgres)
      BENCH_PGDIR=$(mktemp -d /tmp/promisebot-benchpg.XXXXXX)
      CONNECTION=$(tests/postgres/pg-start.sh "$BENCH_PGDIR")
      BENCH_PGURL=$(sed -E 's|.*Port=([0-9]+).*|postgresql://postgres@127.0.0.1:\1/postgres|' <<<"$CONNECTION") ;;
    *) echo "DB must be sqlite or postgres, not $DB" >&2; exit 2 ;;
  esac
  BENCH_SQLITE_FILE="$1/bench.db"
}

bench_db_scalar() {
  if [ "$DB" = postgres ]; then
    psql -At "$BENCH_PGURL" -c "$1" 2>/dev/null || echo "?"
  else
    sqlite3 "$BENCH_SQLITE_FILE" "$1" 2>/dev/null || echo "?"
  fi
}

bench_db_stop() {
  if [ -n "$BENCH_PGDIR" ]; then
    tests/postgres/pg-stop.sh "$BENCH_PGDIR" >/dev/null 2>&1 || true
  fi
}
