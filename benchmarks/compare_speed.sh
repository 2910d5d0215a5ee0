#!/usr/bin/env bash
# Is a build as fast as another? Times `temper score`, `temper flag` and `temper scorecard` of two
# binaries on the same inputs, runs alternating (old, new, old, new, …) so that this shared VM's
# slow phases hit both alike, and prints best and median for each. Release builds:
#
#   benchmarks/compare_speed.sh OLD_TEMPER [NEW_TEMPER] [RUNS]
#
# NEW_TEMPER defaults to .build/release/temper, RUNS to 5. Inputs: 1M generated support messages
# (`temper-bench corpus`, ~93 bytes each) for score; the sample transcripts repeated 60× with
# fresh ids (20,580 conversations, 26 MB) for flag; 1M synthetic KPI facts (397 MB, made by
# scripts/scorecard_bench.sh) for scorecard. One core means the whole process pinned to CPU 0.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: benchmarks/compare_speed.sh OLD_TEMPER [NEW_TEMPER] [RUNS]}
NEW=${2:-.build/release/temper}
RUNS=${3:-5}
[ -x "$NEW" ] || swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null

MESSAGES=/tmp/temper-speed-messages-1000000.txt
CONVERSATIONS=/tmp/temper-speed-conversations-x60.jsonl
FACTS=/tmp/temper-scorecard-facts-1000000.jsonl
[ -s "$MESSAGES" ] || .build/release/temper-bench corpus --messages 1000000 | tail -n +2 > "$MESSAGES"
[ -s "$CONVERSATIONS" ] || python3 - "$CONVERSATIONS" <<'PY'
import json, sys
source = [json.loads(line) for line in open("corpora/transcripts.jsonl")]
with open(sys.argv[1], "w") as out:
    for k in range(60):
        for conversation in source:
            copy = dict(conversation)
            copy["id"] = f"{conversation['id']}-{k}"
            out.write(json.dumps(copy) + "\n")
PY
[ -s "$FACTS" ] || TEMPER="$NEW" scripts/scorecard_bench.sh 1000000 >/dev/null

compare() {  # compare LABEL RECORDS ARGS… (the binary goes first, the input last)
    local label=$1 records=$2; shift 2
    local old_times=() new_times=()
    for _ in $(seq "$RUNS"); do
        for side in old new; do
            local binary=$OLD
            [ "$side" = new ] && binary=$NEW
            local start end
            start=$(date +%s.%N)
            "${@/@BIN@/$binary}" > /dev/null
            end=$(date +%s.%N)
            if [ "$side" = old ]; then old_times+=("$start:$end"); else new_times+=("$start:$end"); fi
        done
    done
    python3 - "$label" "$records" "${old_times[*]}" "${new_times[*]}" <<'PY'
import statistics, sys
label, records = sys.argv[1], int(sys.argv[2])
def stats(spans):
    times = sorted(float(e) - float(s) for s, e in (span.split(":") for span in spans.split()))
    return times[0], statistics.median(times)
(old_best, old_median), (new_best, new_median) = stats(sys.argv[3]), stats(sys.argv[4])
print(f"{label:44s} old best {records / old_best:>9,.0f}/s median {records / old_median:>9,.0f}/s | "
      f"new best {records / new_best:>9,.0f}/s median {records / new_median:>9,.0f}/s | "
      f"median new/old {old_median / new_median:.2f}×")
PY
}

compare "score, one core (messages)" 1000000 taskset -c 0 @BIN@ score --jobs 1 "$MESSAGES"
compare "score, two cores (messages)" 1000000 @BIN@ score --jobs 2 "$MESSAGES"
compare "flag, one job (conversations)" 20580 @BIN@ flag --jobs 1 "$CONVERSATIONS"
compare "flag, two jobs (conversations)" 20580 @BIN@ flag --jobs 2 "$CONVERSATIONS"
compare "scorecard 1M facts, two jobs (facts)" 1000000 @BIN@ scorecard "$FACTS" --by team,agent --period week --format json
