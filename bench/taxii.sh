#!/usr/bin/env bash
# TAXII feed benchmark: an agency pulling a whole `report-now` collection of CASES cases
# from `flagwatch run`, `limit=1000` per page, following `next`.
#
#   bench/taxii.sh [CASES]         run from the repository root; CASES defaults to 100000
#
# Steps:
#   1. `cargo build --release` of flagwatch, the process measured, and `cargo build
#      --example taxii_world` of the helper `bench/taxii_world.rs` (into CARGO_TARGET_DIR
#      if set). The helper only seeds and hosts the simulator, so it is built in the dev
#      profile, whose dependencies the test build already has (in release it would
#      rebuild serenity and others with the dev-dependencies' features).
#   2. In a SQLite database on tmpfs (/dev/shm when there is one, so seeding does not
#      wait on CASES fsyncs; then copied to BENCH_DIR, on disk, to be served from):
#      `flagwatch import` of CASES distinct accounts (x.com/bench1 …), then
#      `taxii_world decide`, which decides each case report-now through the store's real
#      decision path (`Store::override_decision`, one transaction per case, writing the
#      collection entries a decision from Discord writes); then `flagwatch taxii grant`.
#   3. `taxii_world discord` starts the Discord simulator; `flagwatch run` starts against
#      it with FLAGWATCH_TAXII_ADDR on a loopback port, under `/usr/bin/time -v`.
#   4. When the feed answers, RUNS times: bench/taxii_pull.py pages through the whole
#      collection (one keep-alive HTTP connection, `limit=1000`, following `next`),
#      checking that no object version repeats and that the date-added headers increase.
#      The server's resident memory is read from /proc before the first and after each pull.
#   5. `flagwatch run` is stopped (SIGTERM); the script prints pages, objects (checked
#      against the expected 2 x CASES + 6: five TLP markings, one identity, and per case a user-account and
#      a report), objects/s of each pull and the server's peak RSS from `time -v`.
#
# Environment: RUNS (default 3); BENCH_DIR (working directory, default a temporary one
# removed at the end; set it to keep the database and logs); REUSE=1 with a BENCH_DIR
# that holds the database of an earlier run of the same CASES: serve it again, without
# seeding (to measure a change to serving only).
# Needs: cargo, python3, curl, GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES="${1:-100000}"
RUNS="${RUNS:-3}"
GUILD=1
LIMIT=1000
EXPECTED=$((2 * CASES + 6))

for tool in cargo python3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/taxii.sh needs $tool" >&2; exit 2; }
done

SEED_ROOT=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && SEED_ROOT=/dev/shm
SEED="$(mktemp -d "$SEED_ROOT/flagwatch-taxii-seed.XXXXXX")"
if [ -n "${BENCH_DIR:-}" ]; then
  WORK="$BENCH_DIR"
  mkdir -p "$WORK"
  cleanup_work() { :; }
else
  WORK="$(mktemp -d /tmp/flagwatch-bench-taxii.XXXXXX)"
  cleanup_work() { rm -rf "$WORK"; }
fi
SERVER_PID=""
HELPER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$HELPER_PID" ] && kill "$HELPER_PID" 2>/dev/null || true
  rm -rf "$SEED"
  cleanup_work
}
trap cleanup EXIT

echo "--- cargo build --release (flagwatch), cargo build --example taxii_world (the helper)"
cargo build --release --quiet
cargo build --quiet --example taxii_world
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
BIN="$TARGET/release/flagwatch"
WORLD="$TARGET/debug/examples/taxii_world"

DB="$WORK/flagwatch.db"
if [ "${REUSE:-}" = 1 ] && [ -e "$DB" ]; then
  echo "--- reusing $DB"
else
  echo "--- seeding $CASES cases decided report-now"
  SEED_DB="$SEED/flagwatch.db"
  seq 1 "$CASES" | sed 's|^|x.com/bench|' >"$SEED/list.txt"
  start=$(date +%s)
  DATABASE_URL="sqlite://$SEED_DB" RUST_LOG=error "$BIN" import "$SEED/list.txt" --guild "$GUILD" | tail -n 1
  "$WORLD" decide "sqlite://$SEED_DB" "$GUILD"
  echo "seeded in $(($(date +%s) - start)) s"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  for f in "$SEED_DB" "$SEED_DB-wal"; do
    [ -e "$f" ] && cp "$f" "$WORK/"
  done
fi
rm -rf "$SEED"
URL="sqlite://$DB"
SECRET="$(DATABASE_URL="$URL" "$BIN" taxii grant --guild "$GUILD" --name "Bench agency" 2>/dev/null)"
echo "database: $(du -h "$DB" | cut -f1) ($DB)"

echo "--- starting the simulator and flagwatch run"
coproc SIM { exec "$WORLD" discord; }
HELPER_PID=$SIM_PID
read -r API_BASE TOKEN <&"${SIM[0]}"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ADDR="127.0.0.1:$PORT"
DATABASE_URL="$URL" DISCORD_TOKEN="$TOKEN" FLAGWATCH_API_BASE="$API_BASE" FLAGWATCH_TAXII_ADDR="$ADDR" \
  RUST_LOG=error /usr/bin/time -v "$BIN" run >"$WORK/run.out" 2>"$WORK/run.time" &
TIME_PID=$!
for _ in $(seq 600); do
  curl -s -o /dev/null "http://$ADDR/taxii2/" && break
  sleep 0.1
done
SERVER_PID="$(pgrep -P "$TIME_PID")"
rss() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$SERVER_PID/status"; }
echo "flagwatch run (pid $SERVER_PID) serves $ADDR: RSS $(rss VmRSS) KiB before the first pull"

for run in $(seq "$RUNS"); do
  python3 bench/taxii_pull.py "http://$ADDR" "$GUILD" report-now "$SECRET" "$LIMIT" >"$WORK/pull-$run.json"
  read -r PAGES OBJECTS SECS RATE < <(python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); print(p["pages"], p["objects"], p["seconds"], p["objects_per_second"])' "$WORK/pull-$run.json")
  echo "pull $run: $PAGES pages, $OBJECTS objects in $SECS s: $RATE objects/s; server RSS now $(rss VmRSS) KiB, peak so far $(rss VmHWM) KiB"
  if [ "$OBJECTS" != "$EXPECTED" ]; then
    echo "    expected $EXPECTED objects: $(cat "$WORK/pull-$run.json")" >&2
    exit 1
  fi
done
cat "$WORK/pull-1.json"

kill -TERM "$SERVER_PID"
wait "$TIME_PID" || true
SERVER_PID=""
exec {SIM[1]}>&-
wait "$HELPER_PID" 2>/dev/null || true
HELPER_PID=""

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
RATE="$(for r in $(seq "$RUNS"); do python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["objects_per_second"])' "$WORK/pull-$r.json"; done | median)"
PEAK_KIB="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/run.time")"
echo "--- results ($CASES cases, $EXPECTED objects, limit=$LIMIT; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v rate="$RATE" -v kib="$PEAK_KIB" -v runs="$RUNS" 'BEGIN {
  printf "objects served: %9.0f objects/s (median of %d pulls)\n", rate, runs
  printf "server peak RSS: %8.1f MiB (flagwatch run, whole life, from time -v)\n", kib / 1024
}'
