#!/bin/sh
# Escalation-risk evaluation on the HashSplit TEST halves of MWOZ, ReDial and complaints, each
# set on its own: ROC AUC and precision at the top 10% of the shipped model's risk against
# ranking by mean customer sentiment and against the previous model (lexicons/risk.model.v5.json);
# calibration (reliability deciles, Brier, ECE), flagged precision and per-reason precision.
# Usage: scripts/eval_escalation.sh [--format md] [other 'temper flag evaluate' options]
#        (from the repository root; --format md prints the README tables)
set -eu
DATA="${TEMPER_DATA:-../shared/data}"
if [ ! -d "$DATA/dialogue-satisfaction" ] || [ ! -f "$DATA/complaints-dev.tsv" ]; then
    echo "eval_escalation: $DATA not found (set TEMPER_DATA); nothing evaluated" >&2
    exit 2
fi
swift build -c release --product temper >/dev/null
exec .build/release/temper flag evaluate --lexicons lexicons \
    "dialogue-satisfaction:$DATA/dialogue-satisfaction" \
    "complaints:$DATA/complaints-dev.tsv" "$@"
