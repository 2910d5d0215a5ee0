#!/usr/bin/env bash
# What does driver detection cost? `temper score` against `temper score --drivers` over the
# generated corpus of ~93-byte support messages (`temper-bench corpus`, where nearly every English
# line has a driver hit), runs interleaved (benchmarks/interleave.py). Release build. Two tables:
# one core (the whole process pinned to CPU 0 with taskset, --jobs 1: the cost per core), then the
# default (a worker per core, here two: the throughput a user gets). With OTHER_TEMPER (an older
# build), its two configurations run in the same rounds, so before and after face the same machine.
#
# Usage: benchmarks/drivers.sh [MESSAGES] [RUNS] [OTHER_TEMPER]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-7}
OTHER=${3:-}
swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null
CORPUS=$(mktemp /tmp/temper-drivers-XXXXXX.txt)
trap 'rm -f "$CORPUS"' EXIT
.build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$CORPUS"
NEW=.build/release/temper
pairs=("score" "taskset -c 0 $NEW score --jobs 1 $CORPUS"
       "score --drivers" "taskset -c 0 $NEW score --jobs 1 --drivers $CORPUS")
if [ -n "$OTHER" ]; then
    pairs+=("other: score" "taskset -c 0 $OTHER score --jobs 1 $CORPUS"
            "other: score --drivers" "taskset -c 0 $OTHER score --jobs 1 --drivers $CORPUS")
fi
echo "$N messages, $(wc -c < "$CORPUS") bytes; $($NEW score --drivers "$CORPUS" | grep -c '"drivers":\[{') with a driver"
echo "one core (taskset -c 0, --jobs 1):"
python3 benchmarks/interleave.py --records "$N" --runs "$RUNS" --group 2 "${pairs[@]}"
defaults=("score" "$NEW score $CORPUS" "score --drivers" "$NEW score --drivers $CORPUS")
if [ -n "$OTHER" ]; then
    defaults+=("other: score" "$OTHER score $CORPUS" "other: score --drivers" "$OTHER score --drivers $CORPUS")
fi
echo "default jobs ($(nproc) cores):"
python3 benchmarks/interleave.py --records "$N" --runs "$RUNS" --group 2 "${defaults[@]}"
