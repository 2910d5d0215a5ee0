#!/usr/bin/env bash
# Is memory flat in the input's size? Peak RSS (/usr/bin/time -v) of `temper score`, `temper flag`
# and `temper scorecard` (release build, --jobs 2) on ~200 MB and ~2 GB of input:
#
#   benchmarks/memory.sh            (needs GNU time: apt-get install -y time; ~5 GB free in /tmp)
#
# Inputs, made once in /tmp:
#   score      `temper-bench corpus` support messages (~93 bytes each); 2 GB = the 200 MB file 10×
#   flag       corpora/transcripts.jsonl repeated with fresh ids (1,250 bytes a conversation)
#   scorecard  the synthetic facts of scripts/scorecard_bench.sh (1M facts, 397 MB; 150,000
#              customers, 200 agents, 52 weeks): the first 505,000 lines, and the file 5×
#              (--by team,agent --period week, retention on: the state that grows with customers)
set -euo pipefail
cd "$(dirname "$0")/.."
TEMPER=${TEMPER:-.build/release/temper}
[ -x "$TEMPER" ] || swift build -c release --product temper >/dev/null
[ -x .build/release/temper-bench ] || swift build -c release --product temper-bench >/dev/null
DIR=${DIR:-/tmp/temper-memory}
mkdir -p "$DIR"

MESSAGES_200=$DIR/messages-200mb.txt MESSAGES_2G=$DIR/messages-2gb.txt
[ -s "$MESSAGES_200" ] || .build/release/temper-bench corpus --messages 2150000 | tail -n +2 > "$MESSAGES_200"
[ -s "$MESSAGES_2G" ] || for _ in $(seq 10); do cat "$MESSAGES_200"; done > "$MESSAGES_2G"

conversations() {  # conversations COPIES PATH
    python3 - "$1" "$2" <<'PY'
import sys
copies, path = int(sys.argv[1]), sys.argv[2]
lines = open("corpora/transcripts.jsonl").read().splitlines()
with open(path, "w") as out:
    for k in range(copies):
        out.write("".join(line.replace('{"id": "c', '{"id": "k%d-c' % k, 1) + "\n" for line in lines))
PY
}
CONVERSATIONS_200=$DIR/conversations-200mb.jsonl CONVERSATIONS_2G=$DIR/conversations-2gb.jsonl
[ -s "$CONVERSATIONS_200" ] || conversations 467 "$CONVERSATIONS_200"
[ -s "$CONVERSATIONS_2G" ] || conversations 4670 "$CONVERSATIONS_2G"

FACTS=/tmp/temper-scorecard-facts-1000000.jsonl
[ -s "$FACTS" ] || TEMPER="$TEMPER" scripts/scorecard_bench.sh 1000000 >/dev/null
FACTS_200=$DIR/facts-200mb.jsonl FACTS_2G=$DIR/facts-2gb.jsonl
[ -s "$FACTS_200" ] || head -n 505000 "$FACTS" > "$FACTS_200"
[ -s "$FACTS_2G" ] || for _ in $(seq 5); do cat "$FACTS"; done > "$FACTS_2G"

run() {  # run LABEL FILE temper-arguments…
    local label=$1 file=$2; shift 2
    local log; log=$(mktemp)
    /usr/bin/time -v "$TEMPER" "$@" "$file" > /dev/null 2> "$log"
    local records
    records=$(wc -l < "$file")
    awk -F': ' -v label="$label" -v bytes="$(stat -c %s "$file")" -v records="$records" '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
        /Maximum resident set size/ { rss = $2 }
        END { printf "| %-10s | %8.0f MB | %11d | %7.1f s | %7.1f MB |\n", label, bytes / 1e6, records, s, rss / 1024 }' "$log"
    rm -f "$log"
}

echo "| command | input | records | wall | peak RSS |"
echo "|---|---:|---:|---:|---:|"
for size in 200 2G; do
    messages=MESSAGES_$size conversations=CONVERSATIONS_$size facts=FACTS_$size
    run score "${!messages}" score --jobs 2
    run flag "${!conversations}" flag --jobs 2
    run scorecard "${!facts}" scorecard --jobs 2 --by team,agent --period week --format json
done
