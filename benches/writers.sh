#!/usr/bin/env bash
# Another writer's YAML against the project's own style: the same synthetic records written by
# `gen-synthetic`, then read and dumped back by PyYAML and ruamel.yaml (benches/rewrite-yaml.py),
# each loaded by `ngo-atlas check --no-cache` (no snapshot: parsing is what is measured).
# The goal (issue 25): every writer within 1.5x of the project's own style.
#
#   bash benches/writers.sh                 # 100,000 records, PyYAML and ruamel.yaml
#   RECORDS=20000 RUNS=5 WRITERS="pyyaml pyyaml-utf8 ruamel ruamel-indent" bash benches/writers.sh
#
# Needs python3 with PyYAML and ruamel.yaml (pip install --user pyyaml ruamel.yaml); ruamel.yaml
# is pure Python and takes minutes to write 100,000 records. The rewritten folders are kept in
# $OUT (default /tmp/ngo-atlas-writers) and reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-100000}
RUNS=${RUNS:-3}
WRITERS=${WRITERS:-"pyyaml ruamel"}
OUT=${OUT:-/tmp/ngo-atlas-writers}
cargo build --release --quiet
BIN=target/release/ngo-atlas
base="$OUT/own-$RECORDS"
[ -d "$base" ] || "$BIN" gen-synthetic --records "$RECORDS" --seed 1 --out "$base" >/dev/null
for w in $WRITERS; do
  [ -d "$OUT/$w-$RECORDS" ] || python3 benches/rewrite-yaml.py "$w" "$base" "$OUT/$w-$RECORDS"
done

# The best of $RUNS wall times of `check --no-cache` on a folder, in seconds.
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local t
    t=$( { /usr/bin/time -f "%e" "$BIN" check --no-cache --data "$1" >/dev/null; } 2>&1 | tail -1)
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

echo "load: $(uptime | sed 's/.*load average: //')"
own=$(best "$base")
printf '| writer | size | check --no-cache, best of %s | against our style |\n|---|---|---|---|\n' "$RUNS"
printf '| ngo-atlas (own style) | %s | %s s | 1.00x |\n' "$(du -sh "$base" | cut -f1)" "$own"
for w in $WRITERS; do
  t=$(best "$OUT/$w-$RECORDS")
  printf '| %s | %s | %s s | %.2fx |\n' "$w" "$(du -sh "$OUT/$w-$RECORDS" | cut -f1)" "$t" \
    "$(awk "BEGIN{print $t / $own}")"
done
echo "load: $(uptime | sed 's/.*load average: //')"
