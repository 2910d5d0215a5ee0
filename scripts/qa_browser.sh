#!/usr/bin/env bash
# The QA workspace's proof: builds temper (release), ingests the sample corpus into a temporary
# database, serves it on a free loopback port, drives the main flow — reviews through the JSON
# API (with the CSRF token, as a browser does), a calibration session reviewed by two
# reviewers — and saves what headless Chromium shows under benchmarks/:
#   qa-queue.png         the queue, ranked by risk
#   qa-conversation.png  the riskiest conversation: evidence marked, trajectory, review, history
#   qa-session.png       the session's agreement report (kappa per dimension, disagreements)
#   qa-anatomy.png       the riskiest conversation with a sign-off or signature: what the scores
#                        left out, in grey with its kind
# Needs: chromium (Debian's package), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."

out=benchmarks
work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product temper >&2
temper=.build/release/temper
db=$work/qa.db
"$temper" ingest corpora/transcripts.jsonl --drivers --db "$db" >&2

"$temper" serve --db "$db" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 100); do
    grep -q "http://" "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
base=$(grep -o 'http://[^/]*' "$work/serve.out" | head -n1)
[ -n "$base" ] || { echo "the server did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
echo "serving at $base" >&2

jar=$work/cookies
csrf=$(curl -sf -c "$jar" -b "$jar" "$base/api/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
post() {  # post PATH JSON → the response body; fails on any status but 2xx
    curl -sf -c "$jar" -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d "$2" "$base$1"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

top=$(curl -sf "$base/api/queue?limit=6" | field '["rows"][0]["id"]')
echo "riskiest conversation: $top" >&2

# A review and its edit: the history keeps both.
first=$(post "/api/conversations/$top/reviews" \
    '{"reviewer":"Ana Lima","verdict":"coaching_needed","scores":{"greeting":2,"empathy":1,"resolution":2,"compliance":1,"tone":2,"closing":1},"note":"Apology came late; customer had to ask twice."}' \
    | field '["id"]')
post "/api/conversations/$top/reviews" \
    "{\"reviewer\":\"Ana Lima\",\"verdict\":\"confirmed\",\"revises\":$first,\"scores\":{\"greeting\":2,\"empathy\":1,\"resolution\":1,\"compliance\":1,\"tone\":2,\"closing\":1},\"note\":\"Re-read: the cancellation threat is explicit and was not addressed. Confirmed.\"}" > /dev/null
post "/api/conversations/$top/reviews" \
    '{"reviewer":"Ben Okafor","verdict":"confirmed","scores":{"greeting":2,"empathy":2,"resolution":1,"compliance":1,"tone":3,"closing":1},"note":"Agree with Ana."}' > /dev/null
# A few reviewed rows for the queue's badges.
for id in $(curl -sf "$base/api/queue?limit=5" | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)["rows"][1:]))'); do
    post "/api/conversations/$id/reviews" '{"reviewer":"Ben Okafor","verdict":"false_alarm","scores":{"empathy":3,"compliance":1}}' > /dev/null
done

# A calibration session over the six riskiest high-level conversations, reviewed blind by two.
session=$(post /api/sessions '{"name":"Week 38 calibration","reviewers":["Ana Lima","Ben Okafor"],"top":6,"filter":{"level":"high"}}' | field '["id"]')
ids=$(curl -sf "$base/api/sessions/$session" | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["conversations"]))')
i=0
for id in $ids; do
    i=$((i + 1))
    verdicts=(confirmed confirmed coaching_needed false_alarm confirmed coaching_needed)
    other=(confirmed false_alarm coaching_needed false_alarm confirmed confirmed)
    post "/api/conversations/$id/reviews" "{\"reviewer\":\"Ana Lima\",\"session\":$session,\"verdict\":\"${verdicts[$((i - 1))]}\",\"scores\":{\"empathy\":$((i % 3 + 1)),\"resolution\":$((i % 4)),\"compliance\":1,\"tone\":3}}" > /dev/null
    post "/api/conversations/$id/reviews" "{\"reviewer\":\"Ben Okafor\",\"session\":$session,\"verdict\":\"${other[$((i - 1))]}\",\"scores\":{\"empathy\":$(((i + 1) % 3 + 1)),\"resolution\":$((i % 4)),\"compliance\":$((i == 4 ? 0 : 1)),\"tone\":3}}" > /dev/null
done
kappa=$(curl -sf "$base/api/sessions/$session" | python3 -c 'import json,sys; r=json.load(sys.stdin)["report"]; print(", ".join("%s %s" % (d["id"], d.get("kappa")) for d in r["dimensions"]))')
echo "session $session: $kappa" >&2

shoot() {  # shoot FILE HEIGHT PATH
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="1440,$2" --screenshot="$out/$1" "$base$3" 2>/dev/null
    echo "saved $out/$1" >&2
}
shoot qa-queue.png 1000 "/?limit=25"
shoot qa-conversation.png 1800 "/conversations/$top"
shoot qa-session.png 1100 "/sessions/$session"
aside=""
for id in $(curl -sf "$base/api/queue?limit=40" | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)["rows"]))'); do
    if curl -sf "$base/conversations/$id" | grep -q '<span class="aside aside-signature'; then aside=$id; break; fi
done
[ -n "$aside" ] || { echo "no conversation with a signature among the 40 riskiest" >&2; exit 1; }
shoot qa-anatomy.png 1000 "/conversations/$aside"

# The page a browser gets, checked for what the screenshots promise.
page=$(curl -sf "$base/conversations/$top")
grep -q '<mark title=' <<<"$page" || { echo "no evidence marked on $top" >&2; exit 1; }
grep -q 'class="trajectory"' <<<"$page" || { echo "no trajectory on $top" >&2; exit 1; }
report=$(curl -sf "$base/sessions/$session")
grep -q 'Cohen’s κ' <<<"$report" || { echo "no kappa on the session page" >&2; exit 1; }
echo "ok" >&2
