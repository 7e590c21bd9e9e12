#!/usr/bin/env bash
# `ngo-atlas search --lines` against `fzf --filter`, whole process against whole process, on the
# same lines: the names of a synthetic dataset (mixed ASCII and CJK, em dashes). Also the
# explorer's load time and peak memory (`/usr/bin/time -v`) and the time to its first frame.
#
#   bash benches/compare-fzf.sh                      # 100k and 1M records, 5 runs each
#   SIZES="10000 100000" RUNS=9 bash benches/compare-fzf.sh
#
# Installs fzf and GNU time from Debian if missing. Datasets go to target/perf-data (or $DATA),
# never into the repository. Prints markdown tables; ratios are fzf's median over ours, so
# 5.0x means ngo-atlas took a fifth of fzf's time. The machine's load average is printed too:
# on a shared machine wall times swing, the ratios much less, as both sides suffer alike.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-5}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=${DATA:-$TARGET/perf-data}
QUERIES=("yunnan" "li wei" "water foundation" "基金会" "guizhou health" "foundtion" "zzzq" "a")

need() {
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "${2:-/nonexistent}" ]; then
        echo "installing $3 (apt-get)..." >&2
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update -qq >/dev/null
        $sudo apt-get install -y -qq "$3" >/dev/null
    fi
}
need fzf "" fzf
need /usr/bin/time /usr/bin/time time

cargo build --release --quiet
BIN=$TARGET/release/ngo-atlas
mkdir -p "$DATA"

# Milliseconds of wall time of one run of "$@" with stdin from $INPUT, output discarded.
run_ms() {
    local start end
    start=$EPOCHREALTIME
    "$@" <"$INPUT" >/dev/null || true
    end=$EPOCHREALTIME
    echo "$start $end" | awk '{ printf "%.1f", ($2 - $1) * 1000 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
worst() { sort -n | tail -1; }

label() {
    case $1 in
        *000000) echo "$(($1 / 1000000))M" ;;
        *000) echo "$(($1 / 1000))k" ;;
        *) echo "$1" ;;
    esac
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); fzf $(fzf --version | cut -d' ' -f1-2)"
echo
echo "| lines | query | matches (ngo-atlas / fzf) | ngo-atlas median | worst | fzf median | worst | ratio |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
    dir=$DATA/atlas-$n
    [ -f "$dir/statistics.yaml" ] || "$BIN" gen-synthetic --records "$n" --seed 1 --out "$dir" >/dev/null
    INPUT=$DATA/lines-$n.txt
    [ -f "$INPUT" ] || grep -h '^  name: ' "$dir"/*.yaml |
        sed 's/^  name: "//; s/"$//; s/\\"/"/g' >"$INPUT"
    for q in "${QUERIES[@]}"; do
        # Both exit 1 when nothing matches.
        ours=$( ("$BIN" search --lines "$q" <"$INPUT" || true) | wc -l)
        theirs=$( (fzf --filter "$q" <"$INPUT" || true) | wc -l)
        a=() b=()
        for _ in $(seq "$RUNS"); do
            a+=("$(run_ms "$BIN" search --lines "$q")")
            b+=("$(run_ms fzf --filter "$q")")
        done
        am=$(printf '%s\n' "${a[@]}" | median)
        aw=$(printf '%s\n' "${a[@]}" | worst)
        bm=$(printf '%s\n' "${b[@]}" | median)
        bw=$(printf '%s\n' "${b[@]}" | worst)
        ratio=$(awk -v a="$am" -v b="$bm" 'BEGIN { printf "%.1fx", b / a }')
        echo "| $(label "$n") | \`$q\` | $ours / $theirs | $am ms | $aw ms | $bm ms | $bw ms | $ratio |"
    done
done

echo
echo "| records | explorer's data | load + validate + index (check) | peak memory (search --data) |"
echo "|---|---|---|---|"
for n in $SIZES; do
    dir=$DATA/atlas-$n
    t=$( { /usr/bin/time -f "%e s wall, %U s user" "$BIN" check --data "$dir" >/dev/null; } 2>&1 | tail -1)
    mem=$( { /usr/bin/time -v "$BIN" search --data "$dir" yunnan water >/dev/null; } 2>&1 |
        awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }')
    echo "| $(label "$n") | $(du -sh "$dir" | cut -f1) | $t | $mem |"
done

# Start-up to the first drawn frame of the explorer on the built-in dataset, in a pseudo-terminal.
echo
python3 - "$BIN" <<'EOF'
import fcntl, os, pty, select, struct, sys, termios, time
binary, runs, times = sys.argv[1], 20, []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary])
    seen = b""
    while b"Organizations" not in seen:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b"q")
    for _ in range(200):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
times.sort()
print(f"start-up to the first frame (built-in data): median {times[runs // 2]:.1f} ms, "
      f"worst {times[-1]:.1f} ms over {runs} runs")
EOF
