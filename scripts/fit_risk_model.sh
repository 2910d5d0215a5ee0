#!/bin/sh
# Rebuilds the shipped escalation-risk model, lexicons/risk.model.json: `temper flag fit` on the
# HashSplit TRAIN halves of the dialogue-satisfaction sets (MWOZ, ReDial) and the complaints set,
# features and L2 strength chosen on those halves only, by the worst set's AUC margin over −mean
# customer sentiment (repeated 5-fold cross-validation, and each dialogue set left out in turn:
# `temper flag fit --select worst-margin`, the default). Deterministic: the same data and sentiment
# model give the same file byte for byte. Re-run it whenever the sentiment model changes (its
# scores are risk features) or the driver taxonomy's complaints change (lexicons/drivers.yaml: its
# complaint patterns are the stated problems of `problem_share`), then scripts/eval_escalation.sh
# for the README table.
# The four threats (churn, legal, public shaming, manager) are not in the risk: the labelled sets
# hold too few of them to weigh them (a handful each, at about base rate), so `risk` is the fitted,
# calibrated ranking; a threat flags its conversation whatever the risk (`temper flag --help`), and
# --threat-rules would instead hold them at rule weights inside the risk. Measured both ways in the
# README ("Escalation risk").
# Usage: scripts/fit_risk_model.sh [extra 'temper flag fit' options]   (from the repository root)
set -eu
DATA="${TEMPER_DATA:-../shared/data}"
if [ ! -d "$DATA/dialogue-satisfaction" ] || [ ! -f "$DATA/complaints-dev.tsv" ]; then
    echo "fit_risk_model: $DATA not found (set TEMPER_DATA); nothing fitted" >&2
    exit 2
fi
swift build -c release --product temper >/dev/null
exec .build/release/temper flag fit --lexicons lexicons -o lexicons/risk.model.json --name shipped-v6 \
    "dialogue-satisfaction:$DATA/dialogue-satisfaction" \
    "complaints:$DATA/complaints-dev.tsv" "$@"
