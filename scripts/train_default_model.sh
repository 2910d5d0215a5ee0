#!/usr/bin/env bash
# Rebuilds the shipped sentiment model (lexicons/sentiment.ngram) and its calibration
# (lexicons/sentiment.calibration.json) from ../shared/data and corpora/. Deterministic: the
# same data and seed give the same files.
#
# Data use (see README "Honest metrics"):
#   n-gram training: SST-2 train, the 'train' half of each UCI file, Amazon fine-food reviews,
#                    the 'train' half of the SemEval tweets' train.tsv (the neutral head learns
#                    from the files that label neutral text: the tweets and 3-star reviews)
#   calibration:     our own corpora/cs-sentiment-dev.tsv, the 'calibration' 20% of complaints-dev,
#                    of each UCI file and of the SemEval tweets' train.tsv, plus cross-fitted
#                    samples of the training files
#   never used:      SST-2 dev, the 'test' 30% of UCI, complaints and SemEval train.tsv (the
#                    tuning slice), SemEval dev.tsv, corpora/cs-sentiment.tsv,
#                    corpora/cs-sentiment-heldout.tsv, corpora/sarcasm-idioms.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
TEMPER=${TEMPER:-.build/release/temper}
[ -x "$TEMPER" ] || swift build -c release --product temper
"$TEMPER" train --lexicons lexicons --seed 20240601 --hash-bits 20 --cross-fit 3000 \
  --train "x4:$DATA/sst2/train.tsv" \
  --train "train:$DATA/uci-sentences/amazon.tsv" \
  --train "train:$DATA/uci-sentences/yelp.tsv" \
  --train "train:$DATA/uci-sentences/imdb.tsv" \
  --train "stars:$DATA/reviews/amazon-fine-food-5k.tsv" \
  --train "train:$DATA/semeval-tweets/train.tsv" \
  --calibrate "x2:corpora/cs-sentiment-dev.tsv" \
  --calibrate "x2:complaints:calibration:$DATA/complaints-dev.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/amazon.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/yelp.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/imdb.tsv" \
  --calibrate "x2:calibration:$DATA/semeval-tweets/train.tsv" \
  --model-out "${MODEL_OUT:-lexicons/sentiment.ngram}" \
  --calibration-out "${CALIBRATION_OUT:-lexicons/sentiment.calibration.json}"
