#!/usr/bin/env bash
# Prints the README's sentiment accuracy table: every scoring mode on held-out data only.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
TEMPER=${TEMPER:-.build/release/temper}
[ -x "$TEMPER" ] || swift build -c release --product temper
"$TEMPER" eval --mode all --format md \
  "$DATA/sst2/dev.tsv" \
  "test:$DATA/uci-sentences/amazon.tsv" "test:$DATA/uci-sentences/yelp.tsv" "test:$DATA/uci-sentences/imdb.tsv" \
  "complaints:test:$DATA/complaints-dev.tsv" \
  corpora/cs-sentiment.tsv corpora/cs-sentiment-heldout.tsv \
  "$DATA/semeval-tweets/dev.tsv" \
  train:corpora/sarcasm-idioms.tsv holdout:corpora/sarcasm-idioms.tsv \
  corpora/sarcasm-idioms-fresh.tsv
