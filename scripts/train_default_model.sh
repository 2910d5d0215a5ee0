#!/usr/bin/env bash
# Rebuilds the shipped sentiment model (lexicons/sentiment.ngram) and its calibration
# (lexicons/sentiment.calibration.json) from ../shared/data and corpora/. Deterministic: the
# same data and seed give the same files.
#
# Data use (see README "Honest metrics"):
#   n-gram training: SST-2 train, the 'train' half of each UCI file, Amazon fine-food reviews
#   calibration:     our own corpora/cs-sentiment-dev.tsv, the 'calibration' 20% of complaints-dev
#                    and of each UCI file, plus cross-fitted samples of the training files
#   never used:      SST-2 dev, the 'test' 30% of UCI and complaints, SemEval dev.tsv,
#                    corpora/cs-sentiment.tsv, corpora/cs-sentiment-heldout.tsv,
#                    corpora/sarcasm-idioms.tsv
#
#   social heads:    the 'train' and 'calibration' parts (70%) of SemEval tweets train.tsv
#                    (--train-social: the social polarity head, the neutral head and the
#                    social-vs-review head that gates the calibration); the tweets reach calibration
#                    as cross-fitted samples (out of fold), each class a third of the weight
#                    (--balance-social-classes: macro-averaged recall; the other files keep their
#                    class mix). Its 'test' 30% is the tuning slice; no choice was made on the
#                    SemEval dev.tsv figure. (Training the social heads on all
#                    of train.tsv instead was measured on 2026-11-29: SemEval dev 0.590 → 0.592, but
#                    SST-2 dev 0.849 → 0.841 and UCI amazon 0.902 → 0.885, so it is not used.)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
TEMPER=${TEMPER:-.build/release/temper}
[ -x "$TEMPER" ] || swift build -c release --product temper
"$TEMPER" train --lexicons lexicons --seed 20240601 --hash-bits 20 --cross-fit 3000 --balance-social-classes \
  --train "x4:$DATA/sst2/train.tsv" \
  --train "train:$DATA/uci-sentences/amazon.tsv" \
  --train "train:$DATA/uci-sentences/yelp.tsv" \
  --train "train:$DATA/uci-sentences/imdb.tsv" \
  --train "stars:$DATA/reviews/amazon-fine-food-5k.tsv" \
  --train-social "x2:train:$DATA/semeval-tweets/train.tsv" \
  --train-social "x2:calibration:$DATA/semeval-tweets/train.tsv" \
  --calibrate "x2:corpora/cs-sentiment-dev.tsv" \
  --calibrate "x2:complaints:calibration:$DATA/complaints-dev.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/amazon.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/yelp.tsv" \
  --calibrate "calibration:$DATA/uci-sentences/imdb.tsv" \
  --model-out "${MODEL_OUT:-lexicons/sentiment.ngram}" \
  --calibration-out "${CALIBRATION_OUT:-lexicons/sentiment.calibration.json}" "$@"
