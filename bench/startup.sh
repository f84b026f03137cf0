#!/usr/bin/env bash
# Start-up benchmark: wall time and peak RSS of one `flagwatch account x.com/someone`.
#
#   bench/startup.sh [INPUT]       run from the repository root; INPUT defaults to x.com/someone
#
# Builds the release binary (honouring CARGO_TARGET_DIR), then measures the wall time
# with hyperfine if installed (else the median of RUNS runs timed with `date +%s%N`) and
# the peak RSS with GNU time (the largest of RUNS runs).
# Environment: RUNS (default 20). Needs: cargo, GNU time at /usr/bin/time.
# Targets (issue 7): under 20 ms wall and under 16 MiB peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

INPUT="${1:-x.com/someone}"
RUNS="${RUNS:-20}"
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/flagwatch"
[ -x /usr/bin/time ] || { echo "bench/startup.sh needs GNU time at /usr/bin/time" >&2; exit 2; }

cargo build --release --quiet
"$BIN" account "$INPUT"

if command -v hyperfine >/dev/null; then
  CSV="$(mktemp)"
  trap 'rm -f "$CSV"' EXIT
  hyperfine -N --warmup 3 --runs "$RUNS" --style basic --export-csv "$CSV" "$BIN account $INPUT" >&2
  MS="$(awk -F, 'NR == 2 { printf "%.1f", $4 * 1000 }' "$CSV")"
else
  MS="$(for _ in $(seq "$RUNS"); do
    start=$(date +%s%N); "$BIN" account "$INPUT" >/dev/null; echo $((($(date +%s%N) - start) / 1000))
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }')"
fi
KIB="$(for _ in $(seq "$RUNS"); do
  /usr/bin/time -f %M "$BIN" account "$INPUT" 2>&1 >/dev/null | tail -n 1
done | sort -n | tail -n 1)"

awk -v ms="$MS" -v kib="$KIB" 'BEGIN {
  printf "wall time (median): %6.1f ms  (target < 20)%s\n", ms, (ms < 20 ? "" : "  MISSED")
  printf "peak RSS (largest): %6.1f MiB (target < 16)%s\n", kib / 1024, (kib / 1024 < 16 ? "" : "  MISSED")
}'
