#!/bin/sh
# Escalation-risk evaluation: ROC AUC and precision at the top 10% of `temper flag`'s risk
# against ranking by mean customer sentiment, on the HashSplit TEST halves of the
# dialogue-satisfaction and complaints sets. Pass --fit to refit the weights on the TRAIN
# halves first (prints them for Sources/TemperConversation/RiskModelFit.swift).
# Usage: scripts/eval_escalation.sh [--fit]   (from the repository root)
set -eu
DATA="${TEMPER_DATA:-../shared/data}"
if [ ! -d "$DATA/dialogue-satisfaction" ] || [ ! -f "$DATA/complaints-dev.tsv" ]; then
    echo "eval_escalation: $DATA not found (set TEMPER_DATA); nothing evaluated" >&2
    exit 2
fi
swift build -c release --product temper >/dev/null
ACTION=evaluate
if [ "${1:-}" = "--fit" ]; then ACTION=fit; shift; fi
exec .build/release/temper flag "$ACTION" \
    "dialogue-satisfaction:$DATA/dialogue-satisfaction" \
    "complaints:$DATA/complaints-dev.tsv" "$@"
