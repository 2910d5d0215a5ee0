#!/usr/bin/env bash
# End-to-end throughput of `temper score` (text in, JSONL out) over a generated corpus of ~93-byte
# support messages (mostly ASCII, a third with emoji, 10% in other scripts). Release build.
#
# "one core" pins the whole process (scoring thread and reader/writer thread) to CPU 0 with
# taskset, so nothing runs on a second core; "--jobs 2" uses both cores. Each configuration runs
# RUNS times (this VM's timings vary run to run); the best and the median are printed.
#
# Usage: benchmarks/score.sh [MESSAGES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-5}
swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null
CORPUS=$(mktemp /tmp/temper-score-XXXXXX.txt)
trap 'rm -f "$CORPUS"' EXIT
.build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$CORPUS"
BYTES=$(wc -c < "$CORPUS")

measure() {
    local label=$1; shift
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        "$@" "$CORPUS" > /dev/null
        end=$(date +%s.%N)
        times+=("$(python3 -c "print(float('$end') - float('$start'))")")
    done
    python3 - "$label" "$N" "$BYTES" "${times[@]}" <<'EOF'
import statistics, sys
label, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
times = sorted(float(t) for t in sys.argv[4:])
best, median = times[0], statistics.median(times)
print(f"{label}: {n} messages, best {best:.2f} s = {n / best:,.0f} messages/s ({size / best / 1e6:.1f} MB/s); "
      f"median {median:.2f} s = {n / median:,.0f} messages/s; {len(times)} runs")
EOF
}

measure "one core (taskset -c 0, --jobs 1)" taskset -c 0 .build/release/temper score --jobs 1
measure "two cores (--jobs 2)             " .build/release/temper score --jobs 2
