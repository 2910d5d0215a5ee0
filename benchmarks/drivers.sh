#!/usr/bin/env bash
# What does driver detection cost? `temper score` against `temper score --drivers`, runs
# interleaved (benchmarks/interleave.py). Release build. Two tables: one core (the whole process
# pinned to CPU 0 with taskset, --jobs 1: the cost per core), then the default (a worker per core,
# here two: the throughput a user gets). With OTHER_TEMPER (an older build), its two
# configurations run in the same rounds, so before and after face the same machine.
#
# CORPUS picks the messages (MESSAGES lines of them):
#   generated    (default) `temper-bench corpus`: ~93-byte support messages, nearly all with a driver
#   transcripts  the customer messages of corpora/transcripts.jsonl, repeated in order
#   tweets       real tweets to customer-service accounts (../shared/data/complaints-dev.tsv, 1,386
#                of them), each repetition shuffled with a fixed seed
#   dialogues    the user turns of the MultiWOZ task dialogues (../shared/data/dialogue-satisfaction/
#                MWOZ.txt: bookings of hotels, trains, taxis, restaurants), shuffled the same way
# (tweets and dialogues are skipped with a message when the shared data is absent)
#
# Usage: [CORPUS=generated|transcripts|tweets|dialogues] benchmarks/drivers.sh [MESSAGES] [RUNS] [OTHER_TEMPER]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-7}
OTHER=${3:-}
KIND=${CORPUS:-generated}
case "$KIND" in
generated|transcripts) ;;
tweets|dialogues)
    DATA=../shared/data/complaints-dev.tsv
    [ "$KIND" = dialogues ] && DATA=../shared/data/dialogue-satisfaction/MWOZ.txt
    if [ ! -f "$DATA" ]; then
        echo "benchmarks/drivers.sh: skipped: $DATA is missing (the shared data sets)" >&2
        exit 0
    fi ;;
*) echo "benchmarks/drivers.sh: CORPUS must be generated, transcripts, tweets or dialogues, not '$KIND'" >&2; exit 2 ;;
esac
swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null
FILE=$(mktemp /tmp/temper-drivers-XXXXXX.txt)
trap 'rm -f "$FILE"' EXIT
case "$KIND" in
generated)
    .build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$FILE" ;;
*)
    python3 - "$KIND" "$N" "$FILE" <<'PY'
import json, random, sys
kind, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "transcripts":
    lines = [m["text"] for line in open("corpora/transcripts.jsonl", encoding="utf-8")
             for m in json.loads(line)["messages"] if m["role"] == "customer"]
    shuffle = False
elif kind == "tweets":
    lines = [row.rstrip("\r\n").split("\t")[2] for row in open("../shared/data/complaints-dev.tsv", encoding="utf-8")]
    shuffle = True
else:
    lines = [row.split("\t")[1] for row in open("../shared/data/dialogue-satisfaction/MWOZ.txt", encoding="utf-8")
             if row.startswith("USER\t")]
    shuffle = True
lines = [" ".join(line.split()) for line in lines]
random.seed(7)
out = []
while len(out) < count:
    block = lines[:]
    if shuffle:
        random.shuffle(block)
    out += block
with open(path, "w", encoding="utf-8") as file:
    file.write("\n".join(out[:count]) + "\n")
PY
    ;;
esac
NEW=.build/release/temper
pairs=("score" "taskset -c 0 $NEW score --jobs 1 $FILE"
       "score --drivers" "taskset -c 0 $NEW score --jobs 1 --drivers $FILE")
if [ -n "$OTHER" ]; then
    pairs+=("other: score" "taskset -c 0 $OTHER score --jobs 1 $FILE"
            "other: score --drivers" "taskset -c 0 $OTHER score --jobs 1 --drivers $FILE")
fi
echo "$KIND: $N messages, $(wc -c < "$FILE") bytes; $($NEW score --drivers "$FILE" | grep -c '"drivers":\[{') with a driver"
echo "one core (taskset -c 0, --jobs 1):"
python3 benchmarks/interleave.py --records "$N" --runs "$RUNS" --group 2 "${pairs[@]}"
defaults=("score" "$NEW score $FILE" "score --drivers" "$NEW score --drivers $FILE")
if [ -n "$OTHER" ]; then
    defaults+=("other: score" "$OTHER score $FILE" "other: score --drivers" "$OTHER score --drivers $FILE")
fi
echo "default jobs ($(nproc) cores):"
python3 benchmarks/interleave.py --records "$N" --runs "$RUNS" --group 2 "${defaults[@]}"
