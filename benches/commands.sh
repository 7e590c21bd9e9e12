#!/usr/bin/env bash
# Whole commands as a user or a script meets them (issue 25, item 5): each command on a
# synthetic folder, cold (no snapshot yet: it parses, validates and writes one), then warm
# twice (from the snapshot), and with --no-cache, as wall time and peak memory from
# /usr/bin/time; `wc -l` over the same files is the floor. Prints a Markdown table.
#
#   bash benches/commands.sh                  # 100,000 and 1,000,000 records
#   SIZES="100000" bash benches/commands.sh
#
# Each size gets its own cache folder ($XDG_CACHE_HOME) under $OUT, emptied before its cold run.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
OUT=${OUT:-/tmp/ngo-atlas-commands}
cargo build --release --quiet
BIN=$PWD/target/release/ngo-atlas
mkdir -p "$OUT"

# "wall s, peak MB" of one run of the command.
timed() {
  local log="$OUT/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$log" | awk '{ printf "%.2f s, %.0f MB", $1, $2 / 1024 }'
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
  data="/tmp/ngo-atlas-bench-$n"
  [ -f "$data/organizations.yaml" ] || "$BIN" gen-synthetic --records "$n" --seed 1 --out "$data" >/dev/null
  cache="$OUT/cache-$n"
  echo
  echo "| $n records | cold | warm | warm again | \`--no-cache\` |"
  echo "|---|---|---|---|---|"
  floor=$(timed sh -c "cat $data/*.yaml | wc -l")
  echo "| \`wc -l\` over the files (the floor) | $floor | | | |"
  for cmd in "show org-10" "search yunnan" "cite org-10" "path org-1 org-2" "check"; do
    rm -rf "$cache"
    # shellcheck disable=SC2086
    cold=$(XDG_CACHE_HOME=$cache timed "$BIN" $cmd --data "$data")
    warm=$(XDG_CACHE_HOME=$cache timed "$BIN" $cmd --data "$data")
    again=$(XDG_CACHE_HOME=$cache timed "$BIN" $cmd --data "$data")
    none=$(XDG_CACHE_HOME=$cache timed "$BIN" $cmd --data "$data" --no-cache)
    echo "| \`$cmd\` | $cold | $warm | $again | $none |"
  done
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores."
