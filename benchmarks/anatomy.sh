#!/usr/bin/env bash
# What does message anatomy cost? `temper score` (bodies only, the default) against
# `temper score --no-anatomy` (messages whole), one core (taskset -c 0, --jobs 1), runs
# interleaved (benchmarks/interleave.py), on two inputs:
#   chat    MESSAGES one-line chat messages (`temper-bench corpus`, text in): anatomy is a scan
#           for a line feed and a greeting look-up;
#   emails  MESSAGES/5 e-mails (benchmarks/anatomy_emails.py, JSONL in, ~300 bytes): greeting,
#           one to three body lines, closing, signature, device lines, quoted replies — the line
#           rules run on every message;
#   written MESSAGES/5 messages cycling through the 65 multi-line ones of corpora/anatomy.jsonl
#           (the hand-labelled e-mails: forwarded threads, Outlook headers, interleaved replies,
#           other languages), JSONL in.
# With OTHER_TEMPER (an older build) its two configurations run in the same rounds.
#
# Usage: benchmarks/anatomy.sh [MESSAGES] [RUNS] [OTHER_TEMPER]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-7}
OTHER=${3:-}
E=$((N / 5))
swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null
CHAT=$(mktemp /tmp/temper-anatomy-chat-XXXXXX.txt)
EMAILS=$(mktemp /tmp/temper-anatomy-emails-XXXXXX.jsonl)
WRITTEN=$(mktemp /tmp/temper-anatomy-written-XXXXXX.jsonl)
trap 'rm -f "$CHAT" "$EMAILS" "$WRITTEN"' EXIT
.build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$CHAT"
benchmarks/anatomy_emails.py "$E" < "$CHAT" > "$EMAILS"
python3 - "$E" corpora/anatomy.jsonl > "$WRITTEN" <<'PY'
import json, sys
texts = [record["text"] for record in map(json.loads, open(sys.argv[2])) if "\n" in record["text"]]
for index in range(int(sys.argv[1])):
    print(json.dumps({"text": texts[index % len(texts)]}, ensure_ascii=False))
PY
NEW=.build/release/temper
for input in chat emails written; do
    case $input in
        chat) file=$CHAT; records=$N; format=text ;;
        emails) file=$EMAILS; records=$E; format=jsonl ;;
        written) file=$WRITTEN; records=$E; format=jsonl ;;
    esac
    echo "== $input: $records messages, $(wc -c < "$file") bytes"
    pairs=("score" "taskset -c 0 $NEW score --jobs 1 --input-format $format $file"
           "score --no-anatomy" "taskset -c 0 $NEW score --jobs 1 --input-format $format --no-anatomy $file")
    if [ -n "$OTHER" ]; then
        pairs+=("other: score" "taskset -c 0 $OTHER score --jobs 1 --input-format $format $file"
                "other: score --no-anatomy" "taskset -c 0 $OTHER score --jobs 1 --input-format $format --no-anatomy $file")
    fi
    # Ratios against "score --no-anatomy": the cost anatomy adds.
    python3 benchmarks/interleave.py --records "$records" --runs "$RUNS" --group 2 \
        "${pairs[2]}" "${pairs[3]}" "${pairs[0]}" "${pairs[1]}" ${OTHER:+"${pairs[6]}" "${pairs[7]}" "${pairs[4]}" "${pairs[5]}"}
done
