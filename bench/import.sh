#!/usr/bin/env bash
# Import benchmark: `flagwatch import` against `sqlite3 .import` of the same list.
#
#   bench/import.sh [LINES]        run from the repository root; LINES defaults to 1000000
#
# Steps:
#   1. `cargo build --release` (into CARGO_TARGET_DIR if set).
#   2. Generate LINES lines with bench/gen_import.py (deterministic, fixed seed): about
#      30 % duplicates of earlier accounts in other URL forms, 1 % invalid lines, the
#      rest distinct accounts across platforms. No line repeats verbatim.
#   3. RUNS times (default 3), alternating:
#      - `sqlite3 .import` of the list into a fresh database with one table
#        `accounts(account TEXT NOT NULL)` and a unique index on `account` (one line
#        per row: ASCII mode with a unit-separator column separator that never occurs);
#      - `flagwatch import` of the list into a fresh SQLite database (WAL mode,
#        synchronous=FULL, the default), under GNU `/usr/bin/time -v` for peak RSS.
#   4. Check that sqlite3 stored every line and that flagwatch's counts match the
#      generator's, then print the median lines/s of each, the ratio, and flagwatch's
#      peak RSS (the largest of its runs) in MiB.
#
# Environment: RUNS (default 3); BENCH_DIR (working directory, default a temporary one
# removed at the end; set it to keep the list, databases and logs).
# Needs: cargo, python3, sqlite3, GNU time at /usr/bin/time.
# Targets: flagwatch >= 0.5 x sqlite3's lines/s (issue 2), peak RSS < 40 MiB (issue 7).
set -euo pipefail
cd "$(dirname "$0")/.."

LINES="${1:-1000000}"
RUNS="${RUNS:-3}"
GUILD=1

for tool in cargo python3 sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/import.sh needs $tool" >&2; exit 2; }
done

if [ -n "${BENCH_DIR:-}" ]; then
  WORK="$BENCH_DIR"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d /tmp/flagwatch-bench.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi

echo "--- cargo build --release"
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/flagwatch"

echo "--- generating $LINES lines"
python3 bench/gen_import.py "$LINES" >"$WORK/list.txt" 2>"$WORK/gen.txt"
cat "$WORK/gen.txt"
# "generated N lines: D distinct accounts, U duplicates in other forms, I invalid"
read -r DISTINCT DUPLICATES INVALID < <(sed -E 's/.*: ([0-9]+) distinct accounts, ([0-9]+) duplicates.*, ([0-9]+) invalid/\1 \2 \3/' "$WORK/gen.txt")
EXPECTED="imported $LINES lines: $DISTINCT new cases, $DUPLICATES merged, $INVALID rejected"

# Seconds (wall clock) and peak RSS (KiB) from `/usr/bin/time -v` output.
elapsed_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

run_sqlite3() {
  local run=$1 db="$WORK/sqlite3-$1.db"
  rm -f "$db"
  sync
  /usr/bin/time -v sqlite3 "$db" >"$WORK/sqlite3-$run.out" 2>"$WORK/sqlite3-$run.time" <<EOF
CREATE TABLE accounts (account TEXT NOT NULL);
CREATE UNIQUE INDEX accounts_account ON accounts (account);
.mode ascii
.separator "\037" "\n"
.import $WORK/list.txt accounts
EOF
  local stored failed
  stored="$(sqlite3 "$db" 'SELECT COUNT(*) FROM accounts')"
  failed="$(grep -c 'UNIQUE constraint failed' "$WORK/sqlite3-$run.time" || true)"
  echo "sqlite3   run $run: $(elapsed_of "$WORK/sqlite3-$run.time") s, $stored rows stored, $failed lines refused by the unique index"
  [ "$stored" = "$LINES" ] || echo "    note: sqlite3 stored $stored of $LINES lines"
  rm -f "$db"
}

run_flagwatch() {
  local run=$1 db="$WORK/flagwatch-$1.db"
  rm -f "$db" "$db-wal" "$db-shm"
  sync
  DATABASE_URL="sqlite://$db" RUST_LOG=error /usr/bin/time -v "$BIN" import "$WORK/list.txt" --guild "$GUILD" \
    >"$WORK/flagwatch-$run.out" 2>"$WORK/flagwatch-$run.time"
  local summary
  summary="$(tail -n 1 "$WORK/flagwatch-$run.out")"
  echo "flagwatch run $run: $(elapsed_of "$WORK/flagwatch-$run.time") s, $(rss_of "$WORK/flagwatch-$run.time") KiB peak RSS: $summary"
  if [ "$summary" != "$EXPECTED" ]; then
    echo "    unexpected counts, expected: $EXPECTED" >&2
    exit 1
  fi
  rm -f "$db" "$db-wal" "$db-shm"
}

echo "--- $RUNS runs each, alternating"
for run in $(seq "$RUNS"); do
  run_sqlite3 "$run"
  run_flagwatch "$run"
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
SQLITE_S="$(for r in $(seq "$RUNS"); do elapsed_of "$WORK/sqlite3-$r.time"; done | median)"
FLAGWATCH_S="$(for r in $(seq "$RUNS"); do elapsed_of "$WORK/flagwatch-$r.time"; done | median)"
PEAK_KIB="$(for r in $(seq "$RUNS"); do rss_of "$WORK/flagwatch-$r.time"; done | sort -n | tail -n 1)"

echo "--- results ($LINES lines; median of $RUNS runs; $(nproc) CPUs, $(uname -m))"
awk -v lines="$LINES" -v s="$SQLITE_S" -v f="$FLAGWATCH_S" -v kib="$PEAK_KIB" 'BEGIN {
  sl = lines / s; fl = lines / f; ratio = fl / sl; mib = kib / 1024
  printf "sqlite3 .import:  %9.0f lines/s (%.2f s)\n", sl, s
  printf "flagwatch import: %9.0f lines/s (%.2f s)\n", fl, f
  printf "ratio:            %9.2f (target >= 0.50)%s\n", ratio, (ratio >= 0.5 ? "" : "  MISSED")
  printf "flagwatch peak RSS: %7.1f MiB (target < 40)%s\n", mib, (mib < 40 ? "" : "  MISSED")
}'
