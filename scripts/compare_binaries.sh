#!/usr/bin/env bash
# Do two `temper` builds give byte-identical tokens and scores? The check behind every
# "output unchanged" claim of a speed-up: build the old commit somewhere, then
#
#   scripts/compare_binaries.sh OLD_TEMPER [NEW_TEMPER] [MESSAGES]
#
# NEW_TEMPER defaults to .build/release/temper (built if missing), MESSAGES (synthetic messages
# from temper-bench) to 200000. Three inputs: the synthetic benchmark corpus; adversarial lines
# (random mixes of URLs, emails, phone and card numbers, emoticons, emoji sequences, contractions,
# elongations, fullwidth and other scripts, invisible characters, invalid UTF-8, very long lines);
# and, when ../shared/data is there, real sentences from its data sets. Each is run through
# `normalize --tokens` (with and without --mask-pii), `score --explain` and
# `score --mode lexicon --explain` and `score --drivers --explain` (with --skip-invalid, so invalid
# lines are reported the same way too); stdout, stderr and exit status must match. Then the driver
# set (`score --drivers`, `drivers evaluate` on both splits). Then the conversation commands on the
# sample corpora (`flag`, `flag --top`, `flag --facts`, `score --per conversation`, `scorecard`
# as JSON): byte for byte, or — where a deliberate change is named in IGNORE_KEYS, e.g.
# IGNORE_KEYS=sentiment_label,label — equal once those JSON keys are left out (the count of
# records where they differ is printed). Exits 1 on any difference. A binary copied elsewhere
# (say /tmp/temper) needs the build's Temper_TemperSentiment.resources beside it, or the
# conversation commands all fail alike ("same … exit 1") and compare nothing.
# Both binaries run from the repository root, so both read its ./lexicons (which come before a
# binary's bundled copy): this compares code, not lexicons. For a change to lexicons/, run one
# binary twice instead, with --lexicons OLD_DIR and --lexicons lexicons.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: scripts/compare_binaries.sh OLD_TEMPER [NEW_TEMPER] [MESSAGES]}
NEW=${2:-.build/release/temper}
N=${3:-200000}
[ -x "$NEW" ] || swift build -c release --product temper >/dev/null
swift build -c release --product temper-bench >/dev/null

WORK=$(mktemp -d /tmp/temper-compare-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

.build/release/temper-bench corpus --messages "$N" | tail -n +2 > "$WORK/synthetic.txt"
python3 - "$WORK/adversarial.txt" <<'EOF'
import random, sys
random.seed(7)
pieces = ["hello", "WORLD", "sooooo", "can't", "cant", "won\u2019t", "I'm", "@bob", "#great",
          "http://x.co/a?b=1", "www.acme.com", "bob@mail.com", "+1 (555) 123-4567",
          "4111 1111 1111 1111", ":)", ":-(", "<3", "xD", "!!!", "?!", "...", "3.5", "1,000",
          "10:30", "\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
          "\U0001F1EB\U0001F1F7", "\u2764\ufe0f", "\u0130stanbul", "Stra\u00dfe", "\uff28\uff25\uff2c\uff2c\uff2f",
          "\ufb01", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8", "\u0e44\u0e17\u0e22",
          "\u0645\u0631\u062d\u0628\u0627", "\u200b", "\u00ad", "e\u0301", "\t", "  ", "not", "very", "but",
          "never", "no longer", "still not fixed", "'", "-", "_", "caf\u00e9", "na\u00efve", "I", "a", "the"]
with open(sys.argv[1], "wb") as out:
    for _ in range(200000):
        n = random.randint(0, 25)
        joiner = " " if random.random() < 0.9 else ""
        line = joiner.join(random.choice(pieces) for _ in range(n)).encode("utf-8")
        if random.random() < 0.15:
            line = bytearray(line)
            for _ in range(random.randint(1, 4)):
                line.insert(random.randint(0, len(line)), random.choice([0x80, 0xFF, 0xC3, 0xE2, 0xF0, 0x00, 0x7F, 0x0D]))
            line = bytes(line)
        out.write(line.replace(b"\n", b" ") + b"\n")
    out.write(b"word " * 200000 + b"\n")
    out.write("\u00e9".encode() * 100000 + b"\n")
    out.write(b"aaaa" * 50000 + b"\n")
EOF
INPUTS=("$WORK/synthetic.txt" "$WORK/adversarial.txt")
DATA=../shared/data
if [ -d "$DATA" ]; then
    { cut -f2- "$DATA/sst2/train.tsv"; cut -f2- "$DATA/sst2/dev.tsv"; cut -f2- "$DATA/complaints-dev.tsv"
      cut -f1 "$DATA"/uci-sentences/*.tsv; cut -f2- "$DATA/reviews/amazon-fine-food-5k.tsv"
      cut -f2- "$DATA"/dialogue-satisfaction/*.txt; } > "$WORK/real.txt" 2>/dev/null || true
    INPUTS+=("$WORK/real.txt")
fi

differences=0
run() {  # run NAME ARGS... : the same command with both binaries, compared
    local name=$1; shift
    local status_old=0 status_new=0
    "$OLD" "$@" > "$WORK/old.out" 2> "$WORK/old.err" || status_old=$?
    "$NEW" "$@" > "$WORK/new.out" 2> "$WORK/new.err" || status_new=$?
    if cmp -s "$WORK/old.out" "$WORK/new.out" && cmp -s "$WORK/old.err" "$WORK/new.err" && [ "$status_old" = "$status_new" ]; then
        echo "same       $name ($(wc -l < "$WORK/new.out") lines, exit $status_new)"
    else
        echo "DIFFERENT  $name (exit $status_old vs $status_new)"
        differences=$((differences + 1))
    fi
}
for input in "${INPUTS[@]}"; do
    base=$(basename "$input")
    run "normalize --tokens $base" normalize --tokens "$input"
    run "normalize --tokens --mask-pii $base" normalize --tokens --mask-pii "$input"
    run "score --explain $base" score --explain --skip-invalid "$input"
    run "score --mode lexicon --explain $base" score --mode lexicon --explain --skip-invalid "$input"
    run "score --drivers --explain $base" score --drivers --explain --skip-invalid "$input"
done
cut -f3- corpora/drivers.tsv > "$WORK/drivers.txt"
run "score --drivers drivers.tsv" score --drivers --explain "$WORK/drivers.txt"
for split in dev test; do run "drivers evaluate --split $split" drivers evaluate corpora/drivers.tsv --split "$split"; done

# The conversation commands. Input formats are named --input-format now, --format before.
input_format() {  # (the help is read whole first: grep -q closing the pipe early would fail it under pipefail)
    local help; help=$("$1" score --help 2>&1 || true)
    if [[ $help == *--input-format* ]]; then echo --input-format; else echo --format; fi
}
run_conversations() {  # run_conversations NAME ARGS... (the input-format option as @IF@)
    local name=$1; shift
    local status_old=0 status_new=0 old_args=() new_args=()
    for arg in "$@"; do old_args+=("${arg/@IF@/$(input_format "$OLD")}"); new_args+=("${arg/@IF@/$(input_format "$NEW")}"); done
    "$OLD" "${old_args[@]}" > "$WORK/old.out" 2> "$WORK/old.err" || status_old=$?
    "$NEW" "${new_args[@]}" > "$WORK/new.out" 2> "$WORK/new.err" || status_new=$?
    if cmp -s "$WORK/old.out" "$WORK/new.out" && cmp -s "$WORK/old.err" "$WORK/new.err" && [ "$status_old" = "$status_new" ]; then
        echo "same       $name ($(wc -l < "$WORK/new.out") lines, exit $status_new)"
    elif [ -n "${IGNORE_KEYS:-}" ] && [ "$status_old" = "$status_new" ] && python3 - "$WORK/old.out" "$WORK/new.out" "$IGNORE_KEYS" "$name" <<'PY'
import json, sys
old, new, keys, name = open(sys.argv[1]).read().splitlines(), open(sys.argv[2]).read().splitlines(), set(sys.argv[3].split(",")), sys.argv[4]
def strip(value):
    if isinstance(value, dict): return {k: strip(v) for k, v in value.items() if k not in keys}
    if isinstance(value, list): return [strip(v) for v in value]
    return value
if len(old) != len(new): sys.exit(1)
changed = 0
for a, b in zip(old, new):
    a, b = json.loads(a), json.loads(b)
    if strip(a) != strip(b): sys.exit(1)
    changed += a != b
print(f"same*      {name} ({len(new)} lines; {changed} differ only in {','.join(sorted(keys))})")
PY
    then :
    else
        echo "DIFFERENT  $name (exit $status_old vs $status_new)"
        differences=$((differences + 1))
    fi
}
for input in corpora/transcripts.jsonl corpora/message-rows.csv; do
    base=$(basename "$input")
    run_conversations "flag $base" flag "$input"
    run_conversations "flag --top 10 $base" flag --top 10 "$input"
    run_conversations "flag --facts $base" flag --facts "$input"
    format=$([ "${input##*.}" = csv ] && echo csv || echo jsonl)
    run_conversations "score --per conversation $base" score --per conversation @IF@ "$format" "$input"
    run_conversations "flag --drivers --facts $base" flag --drivers --facts "$input"
    run_conversations "score --per conversation --drivers $base" score --per conversation --drivers @IF@ "$format" "$input"
done
run_conversations "flag tweets.jsonl" flag @IF@ tweets corpora/tweets.jsonl

[ "$differences" -eq 0 ] && echo "all outputs identical" || { echo "$differences difference(s)"; exit 1; }
