#!/usr/bin/env bash
# `temper ingest` of COUNT conversations (default 100,000) into a fresh database, a re-ingest of
# the same file (every conversation an update), and queue page queries over the result.
# Release builds. The database stays for other benchmarks (the server's load test):
#
#   benchmarks/ingest.sh [COUNT] [DB]      # DB defaults to /tmp/temper-bench-COUNT.db
#
# Input: corpora/transcripts.jsonl repeated with fresh ids (`c0001-k`), each copy moved k days
# later, so period filters and the queue see a spread of dates; ~8.3 messages per conversation.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
DB=${2:-/tmp/temper-bench-$COUNT.db}
INPUT=/tmp/temper-bench-conversations-$COUNT.jsonl
JOBS=${JOBS:-2}

swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null

[ -s "$INPUT" ] || python3 - "$INPUT" "$COUNT" <<'PY'
import json, sys
from datetime import datetime, timedelta
path, count = sys.argv[1], int(sys.argv[2])
source = [json.loads(line) for line in open("corpora/transcripts.jsonl")]
def shifted(at, days):
    moment = datetime.fromisoformat(at.replace("Z", "+00:00")) + timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
written = 0
with open(path, "w") as out:
    k = 0
    while written < count:
        for conversation in source:
            if written == count:
                break
            copy = dict(conversation, id=f"{conversation['id']}-{k}")
            copy["messages"] = [dict(m, at=shifted(m["at"], k)) if isinstance(m.get("at"), str) else m for m in conversation["messages"]]
            out.write(json.dumps(copy) + "\n")
            written += 1
        k += 1
PY
echo "input: $(wc -l < "$INPUT") conversations, $(du -m "$INPUT" | cut -f1) MB ($INPUT)"

rm -f "$DB" "$DB-wal" "$DB-shm"
for run in "fresh database" "re-ingest (all updates)"; do
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "ingest, $run, --jobs $JOBS: %e s wall, %U s user, %S s system, %M KB peak RSS" \
        .build/release/temper ingest --jobs "$JOBS" --db "$DB" "$INPUT"
done
echo "database: $(du -m "$DB" | cut -f1) MB ($DB)"
.build/release/temper-bench queue "$DB"
