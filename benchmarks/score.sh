#!/usr/bin/env bash
# End-to-end throughput of `temper score` (text in, JSONL out) on one core and on all cores,
# over a generated corpus of ~93-byte support messages (mostly ASCII, a third with emoji, 10% in
# other scripts). Release build. Usage: benchmarks/score.sh [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null
CORPUS=$(mktemp /tmp/temper-score-XXXXXX.txt)
trap 'rm -f "$CORPUS"' EXIT
.build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$CORPUS"
BYTES=$(wc -c < "$CORPUS")
for JOBS in 1 2; do
    START=$(date +%s.%N)
    .build/release/temper score --jobs "$JOBS" "$CORPUS" > /dev/null
    END=$(date +%s.%N)
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); b=int(sys.argv[4]); j=sys.argv[5]; print(f'temper score --jobs {j}: {n} messages in {s:.2f} s = {n/s:,.0f} messages/s, {b/s/1e6:.1f} MB/s')" "$START" "$END" "$N" "$BYTES" "$JOBS"
done
