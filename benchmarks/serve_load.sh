#!/usr/bin/env bash
# Load on `temper serve` with 100,000 conversations stored: wrk on loopback against the queue
# page (first page, a filtered page, a deep page by cursor), the queue API, a conversation page,
# and the review POST (JSON API with its CSRF token, a random conversation each time).
# Release build; prints p50/p99 latency and requests per second per case as a Markdown table.
#
#   benchmarks/serve_load.sh [DB]    # default /tmp/temper-bench-100000.db, made by benchmarks/ingest.sh
#
# Environment: DURATION (default 20s), CONNECTIONS (default 16), THREADS (default 2).
# The server and wrk share the machine's cores, as they would on a QA analyst's server.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=100000
DB=${1:-/tmp/temper-bench-$COUNT.db}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

[ -s "$DB" ] || benchmarks/ingest.sh "$COUNT" "$DB" >&2
swift build -c release --product temper >&2

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# The review POSTs write: they go to a copy, so the benchmark database stays as ingested.
cp "$DB" "$work/load.db"
.build/release/temper serve --db "$work/load.db" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 200); do grep -q "http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[^/]*' "$work/serve.out" | head -n1)
[ -n "$base" ] || { cat "$work/serve.err" >&2; exit 1; }
head -n1 "$work/serve.out" >&2

jar=$work/cookies
csrf=$(curl -sf -c "$jar" "$base/api/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
deep=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
base, url = sys.argv[1], "/api/queue?limit=50"
for _ in range(100):  # the 101st page: 5,000 rows down, by cursor
    url = json.load(urllib.request.urlopen(base + url))["nextURL"]
print(url.replace("/api/queue", "/", 1))
PY
)
conversation=$(curl -sf "$base/api/queue?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["id"])')

cat > "$work/review.lua" <<LUA
-- A review of a random stored conversation (ids c0001-0 … c0343-290, as benchmarks/ingest.sh
-- makes them) by a reviewer of its own: each thread is seeded apart and counts its requests,
-- so no review repeats another (the store allows one current review per reviewer).
local threads = 0
setup = function(thread)
    threads = threads + 1
    thread:set("thread", threads)
end
local sent = 0
init = function(args)
    math.randomseed(38 * thread)
end
request = function()
    sent = sent + 1
    local id = string.format("c%04d-%d", math.random(1, 343), math.random(0, 290))
    local body = '{"reviewer":"Load ' .. thread .. '-' .. sent .. '","verdict":"confirmed","scores":{"empathy":3,"resolution":2,"compliance":1},"note":"wrk"}'
    return wrk.format("POST", "/api/conversations/" .. id .. "/reviews",
        {["Content-Type"] = "application/json", ["X-CSRF-Token"] = "$csrf", ["Cookie"] = "temper_csrf=$csrf"}, body)
end
LUA

echo "| case | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|"
run() {  # run NAME URL [wrk args…]
    local name=$1 url=$2; shift 2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "$work/wrk.txt"
    python3 - "$name" "$work/wrk.txt" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def pct(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return f"{ms:.1f} ms" if ms >= 1 else f"{ms * 1000:.0f} µs"
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: (.*)", text)
bad = int(errors.group(1)) if errors else 0
print(f"| {name} | {rps:,.0f} | {pct(50)} | {pct(99)} | {bad}{' (' + socket.group(1) + ')' if socket else ''} |")
PY
}
run "queue page, first 50 by risk (\`GET /\`)" "$base/"
run "queue page, filtered (\`team=billing&level=high&reviewed=no\`)" "$base/?team=billing&level=high&reviewed=no"
run "queue page, page 101 by cursor" "$base$deep"
run "queue page, random sample (seed 7)" "$base/?order=sample&seed=7"
run "queue API, 50 rows (\`GET /api/queue\`)" "$base/api/queue"
run "conversation page (\`GET /conversations/$conversation\`)" "$base/conversations/$conversation"
run "review POST (\`POST /api/conversations/{id}/reviews\`)" "$base" -s "$work/review.lua"
echo
echo "$(curl -sf "$base/api/queue?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') conversations; wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $(nproc) cores shared with the server."
