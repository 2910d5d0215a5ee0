#!/usr/bin/env bash
# Throughput and memory of `temper scorecard` over synthetic facts (already-scored conversations).
#
#   scripts/scorecard_bench.sh                 # 1M and 2M conversations
#   scripts/scorecard_bench.sh 500000          # other sizes
#   TEMPER=.build-sc/release/temper JOBS=1 scripts/scorecard_bench.sh
#
# Generates /tmp/temper-scorecard-facts-N.jsonl once per size (deterministic: seed 20261005, so
# every run and machine sees the same bytes): 200 agents in 10 teams, 4 channels, 2 segments,
# 150,000 customers, conversations spread over the 52 ISO weeks of 2025 whatever N is, so a
# larger N means more conversations per group and week, not more groups or weeks. Then runs
#   temper scorecard FILE --by team,agent --period week --format json
# under /usr/bin/time -v (apt-get install time) and reports wall time, conversations/s, MB/s and
# peak RSS; once more with --no-retention (no per-customer state, so nothing grows with N); then
#   temper scorecard FILE --by team,agent --period week --partial > PARTIAL
#   temper scorecard merge PARTIAL --format json
# (writing and reading back the mergeable aggregate of the same facts).
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPER=${TEMPER:-.build/release/temper}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000000 2000000)
JOBS_ARG=()
[ -n "${JOBS:-}" ] && JOBS_ARG=(--jobs "$JOBS")

if [ ! -x "$TEMPER" ]; then
    echo "building $TEMPER (release)…" >&2
    swift build -c release --product temper
fi
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time: apt-get install -y time" >&2
    exit 1
fi

generate() {  # generate N PATH
    python3 - "$1" "$2" <<'PY'
import random, sys, time
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261005)
teams = ["billing", "technical", "orders", "accounts", "returns", "shipping", "vip", "partners", "onboarding", "mobile"]
agents = [(f"agent-{t}-{i:02d}", t) for t in teams for i in range(20)]
channels = [("chat", 0.45, 60, 900), ("email", 0.25, 1200, 14400), ("phone", 0.2, 20, 600), ("twitter", 0.1, 300, 3600)]
reasons = ["threat_to_cancel", "repeat_contact", "negative_trend", "manager_request", "legal_threat", "public_shaming"]
start = 1735516800  # Monday 2024-12-30, ISO week 2025-W01
span = 52 * 7 * 86400
with open(path, "w") as out:
    buf = []
    for i in range(n):
        agent, team = agents[rng.randrange(len(agents))]
        u = rng.random()
        acc = 0.0
        for name, share, lo, hi in channels:
            acc += share
            if u <= acc:
                break
        t = start + rng.randrange(span)
        frt = rng.randint(lo, hi) if rng.random() < 0.95 else None
        abandoned = frt is None
        sent = rng.gauss(0.1, 0.45)
        sent = max(-1.0, min(1.0, sent))
        label = "negative" if sent < -0.15 else ("positive" if sent > 0.2 else "neutral")
        risk = max(0.0, min(1.0, 0.35 - sent * 0.5 + rng.gauss(0, 0.15)))
        flagged = risk > 0.6
        resolved = (not abandoned) and rng.random() < 0.85
        contacts = 1 if rng.random() < 0.7 else rng.randint(2, 5)
        fields = [
            f'"id":"T-{i:08d}"', f'"agent":"{agent}"', f'"team":"{team}"', f'"channel":"{name}"',
            f'"segment":"{"business" if rng.random() < 0.25 else "consumer"}"',
            f'"customer":"cust-{rng.randrange(150000)}"',
            '"started_at":"%s"' % time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
        ]
        if frt is not None:
            fields.append(f'"first_response_seconds":{frt}')
            fields.append(f'"handle_seconds":{rng.randint(120, 2400)}')
        if resolved:
            fields.append(f'"resolution_seconds":{(frt or 0) + rng.randint(300, 172800)}')
        fields += [f'"sentiment_label":"{label}"', f'"sentiment_mean":{sent:.3f}',
                   f'"flagged":{"true" if flagged else "false"}', f'"risk":{risk:.4f}']
        if flagged:
            fields.append('"reasons":["%s"]' % rng.choice(reasons))
        fields += [f'"escalated":{"true" if flagged and rng.random() < 0.4 else "false"}',
                   f'"resolved":{"true" if resolved else "false"}', f'"abandoned":{"true" if abandoned else "false"}',
                   f'"contacts":{contacts}']
        if rng.random() < 0.3:
            fields.append(f'"csat":{max(1, min(5, round(3.6 + sent * 2 + rng.gauss(0, 0.8))))}')
        if rng.random() < 0.2:
            fields.append(f'"nps":{max(0, min(10, round(7 + sent * 4 + rng.gauss(0, 1.5))))}')
        if rng.random() < 0.15:
            fields.append(f'"ces":{max(1, min(7, round(3 - sent * 2 + rng.gauss(0, 1))))}')
        if rng.random() < 0.5:
            fields.append(f'"cost":{rng.uniform(2, 15):.2f}')
        buf.append("{" + ",".join(fields) + "}\n")
        if len(buf) >= 10000:
            out.write("".join(buf)); buf.clear()
    out.write("".join(buf))
PY
}

run() {  # run LABEL FILE N OUTPUT temper-arguments…  (FILE: the facts, for the MB columns)
    local label=$1 file=$2 n=$3 output=$4; shift 4
    local log; log=$(mktemp)
    /usr/bin/time -v "$TEMPER" "$@" > "$output" 2> "$log"
    local wall rss bytes
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    bytes=$(stat -c %s "$file")
    awk -v label="$label" -v n="$n" -v w="$wall" -v rss="$rss" -v b="$bytes" 'BEGIN {
        printf "| %-26s | %9d | %7.1f | %6.2f s | %9.0f | %6.0f | %6.1f MB |\n", label, n, b / 1e6, w, n / w, b / 1e6 / w, rss / 1024 }'
    rm -f "$log"
}

echo "| run | conversations | MB | wall | conversations/s | MB/s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    file=/tmp/temper-scorecard-facts-$n.jsonl
    [ -s "$file" ] || generate "$n" "$file"
    scorecard=(scorecard "$file" --by team,agent --period week "${JOBS_ARG[@]}")
    run "default" "$file" "$n" /tmp/temper-scorecard-bench.json "${scorecard[@]}" --format json
    run "--no-retention" "$file" "$n" /tmp/temper-scorecard-bench.json "${scorecard[@]}" --format json --no-retention
    run "--partial" "$file" "$n" /tmp/temper-scorecard-partial.json "${scorecard[@]}" --partial
    run "merge of that partial" "$file" "$n" /tmp/temper-scorecard-merged.json scorecard merge /tmp/temper-scorecard-partial.json --format json
done
echo
groups=$(python3 -c "import json; print(len(json.load(open('/tmp/temper-scorecard-bench.json'))['groups']))")
echo "last scorecard: $groups groups, $(stat -c %s /tmp/temper-scorecard-bench.json) bytes of JSON; partial: $(stat -c %s /tmp/temper-scorecard-partial.json) bytes"
