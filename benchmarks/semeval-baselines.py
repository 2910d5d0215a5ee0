#!/usr/bin/env python3
"""The published non-transformer SemEval baselines, trained on our tweets, beside Temper.

TweetEval (Barbieri et al., 2020) reports macro-averaged recall on the SemEval-2017 sentiment test
tweets for a linear SVM (62.9), fastText (62.9), an LSTM (58.3) and RoBERTa-base (71.3). Those
figures are on other tweets than ours. This script trains the two cheap baselines the same way
on ../shared/data/semeval-tweets/train.tsv ONLY and measures them on dev.tsv, so Temper's dev
figure can be read against systems trained on the same tweets:

  SVM       scikit-learn LinearSVC on tf-idf of word 1-2-grams plus character 2-5-grams (within
            word boundaries); C picked by 5-fold stratified cross-validation on train.tsv
            (macro recall, seeded folds), for class_weight None and 'balanced' each.
  fastText  supervised, on the tweets only; epoch, lr and wordNgrams picked on a seeded,
            stratified 10% validation split of train.tsv, then retrained on all of train.tsv.
            thread=1 and a fixed seed, so the run is deterministic.
  Temper    `temper eval --format json` on dev.tsv with the shipped model (its social heads were
            trained on 70% of train.tsv; the other 30% is the "tuning slice").

dev.tsv is only ever predicted, never used for a choice. Preprocessing, as in TweetEval: user
mentions become "@user", URLs "http", then lower case (Temper reads the raw text).

A second table repeats the comparison on the tuning slice (the 'test' 30% of train.tsv by
Temper's stable text hash), with the baselines trained on the other 70% — the data Temper's
social heads saw. Temper's tuning-slice figures were used for its own design choices, so they
are optimistic.

Needs: scikit-learn (`pip install scikit-learn` works on the project VM; 1.9.1 was used),
fasttext-wheel (installed), a release build of temper (`swift build -c release --product temper`).

    benchmarks/semeval-baselines.py [--data ../shared/data] [--temper .build/release/temper]
                                    [--no-tuning-slice] [--format md|text]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import accuracy_score, recall_score
    from sklearn.model_selection import StratifiedKFold, train_test_split
    from sklearn.svm import LinearSVC
except ImportError as error:
    sys.exit(f"semeval-baselines.py: {error.name} is missing: pip install scikit-learn (it brings numpy and scipy)")

CLASSES = ["negative", "neutral", "positive"]
SEED = 20240601
SVM_C_GRID = [0.03, 0.1, 0.3, 1.0]
CLASS_WEIGHTS = (None, "balanced")
FASTTEXT_GRID = [  # (epoch, lr, wordNgrams): fastText's documented supervised range
    (epoch, lr, ngrams) for epoch in (5, 10, 25) for lr in (0.1, 0.5) for ngrams in (1, 2)
]

URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@\w+")


def read_tsv(path):
    """label<TAB>text; the text is the last column, as Temper reads it."""
    labels, texts = [], []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            fields = line.split("\t")
            if len(fields) < 2 or fields[0] not in CLASSES:
                sys.exit(f"semeval-baselines.py: {path}:{number}: expected 'label<TAB>text' with a label in {CLASSES}")
            labels.append(fields[0])
            texts.append(fields[-1])
    return labels, texts


def preprocess(text):
    return MENTION.sub("@user", URL.sub("http", text)).lower()


# Temper's HashSplit: FNV-1a 64 of the text's UTF-8 bytes, murmur3 fmix64, as a fraction of 2^64;
# train < 0.5, calibration < 0.7, test ≥ 0.7.
MASK = (1 << 64) - 1


def split_fraction(text):
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & MASK
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & MASK
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & MASK
    value ^= value >> 33
    return value / 2.0**64


def scores(gold, predicted):
    per_class = recall_score(gold, predicted, labels=CLASSES, average=None, zero_division=0)
    return {
        "accuracy": accuracy_score(gold, predicted),
        "macro_recall": float(np.mean(per_class)),
        "recall": dict(zip(CLASSES, map(float, per_class))),
    }


def svm_features():
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)[#@]?\w+|[^\w\s]+")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    return word, char


def svm_vectorize(train_texts, test_texts):
    word, char = svm_features()
    x_train = hstack([word.fit_transform(train_texts), char.fit_transform(train_texts)]).tocsr()
    x_test = hstack([word.transform(test_texts), char.transform(test_texts)]).tocsr()
    return x_train, x_test


def svm_fit_predict(x_train, train_labels, x_test, c, class_weight):
    model = LinearSVC(C=c, class_weight=class_weight, random_state=SEED, max_iter=5000)
    model.fit(x_train, train_labels)
    return list(model.predict(x_test))


def svm_choose_c(texts, labels, log):
    """The C with the best 5-fold CV macro recall, per class_weight (features fitted per fold)."""
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    texts, labels = np.array(texts, dtype=object), np.array(labels)
    fold_scores = {(weight, c): [] for weight in CLASS_WEIGHTS for c in SVM_C_GRID}
    for train_index, test_index in folds.split(texts, labels):
        x_train, x_test = svm_vectorize(list(texts[train_index]), list(texts[test_index]))
        for weight, c in fold_scores:
            predicted = svm_fit_predict(x_train, labels[train_index], x_test, c, weight)
            fold_scores[(weight, c)].append(scores(list(labels[test_index]), predicted)["macro_recall"])
    chosen = {}
    for weight in CLASS_WEIGHTS:
        means = {c: float(np.mean(fold_scores[(weight, c)])) for c in SVM_C_GRID}
        for c in SVM_C_GRID:
            log(f"  SVM class_weight={weight} C={c}: 5-fold CV macro recall {means[c]:.4f}")
        best = max(SVM_C_GRID, key=lambda c: (means[c], -c))
        chosen[weight] = (best, means[best])
    return chosen


def fasttext_write(path, texts, labels):
    with open(path, "w", encoding="utf-8") as handle:
        for text, label in zip(texts, labels):
            handle.write(f"__label__{label} {' '.join(text.split())}\n")


def fasttext_fit_predict(train_texts, train_labels, test_texts, epoch, lr, word_ngrams, workdir):
    try:
        import fasttext
    except ImportError:
        sys.exit("semeval-baselines.py: fasttext is missing: pip install fasttext-wheel")

    path = os.path.join(workdir, "train.txt")
    fasttext_write(path, train_texts, train_labels)
    model = fasttext.train_supervised(
        input=path, epoch=epoch, lr=lr, wordNgrams=word_ngrams, dim=100, minCount=1,
        loss="softmax", thread=1, seed=SEED, verbose=0,
    )
    labels, _ = model.predict([" ".join(text.split()) for text in test_texts], k=1)
    return [label[0][len("__label__"):] for label in labels]


def fasttext_choose(texts, labels, workdir, log):
    fit_texts, valid_texts, fit_labels, valid_labels = train_test_split(
        texts, labels, test_size=0.1, stratify=labels, random_state=SEED
    )
    results = {}
    for setting in FASTTEXT_GRID:
        predicted = fasttext_fit_predict(fit_texts, fit_labels, valid_texts, *setting, workdir)
        results[setting] = scores(valid_labels, predicted)["macro_recall"]
        log(f"  fastText epoch={setting[0]} lr={setting[1]} wordNgrams={setting[2]}: validation macro recall {results[setting]:.4f}")
    best = max(FASTTEXT_GRID, key=lambda s: (results[s], -s[0]))
    return best, results[best]


def temper_scores(temper, spec):
    output = subprocess.run([temper, "eval", "--format", "json", spec], check=True, capture_output=True, text=True).stdout
    record = json.loads(output.strip().splitlines()[0])
    recall = {entry["name"]: entry["recall"] for entry in record["classes"]}
    return {"accuracy": record["accuracy"], "macro_recall": record["macroRecall"], "recall": recall}


def compare(name, train_texts, train_labels, test_texts, test_labels, temper, temper_spec, log):
    """One table: every baseline trained on the train texts, measured on the test texts."""
    clean_train = [preprocess(t) for t in train_texts]
    clean_test = [preprocess(t) for t in test_texts]
    rows = []
    log(f"{name}: SVM")
    chosen = svm_choose_c(clean_train, train_labels, log)
    x_train, x_test = svm_vectorize(clean_train, clean_test)
    for class_weight in CLASS_WEIGHTS:
        c, cv = chosen[class_weight]
        predicted = svm_fit_predict(x_train, train_labels, x_test, c, class_weight)
        rows.append((f"linear SVM, class_weight={class_weight} (C={c}, CV {cv:.3f})", scores(test_labels, predicted)))
    with tempfile.TemporaryDirectory() as workdir:
        log(f"{name}: fastText")
        setting, valid = fasttext_choose(clean_train, train_labels, workdir, log)
        predicted = fasttext_fit_predict(clean_train, train_labels, clean_test, *setting, workdir)
        rows.append((f"fastText (epoch={setting[0]}, lr={setting[1]}, wordNgrams={setting[2]}; validation {valid:.3f})",
                     scores(test_labels, predicted)))
    if temper:
        rows.append(("Temper ensemble (shipped model)", temper_scores(temper, temper_spec)))
    return rows


def render(title, rows, count, form):
    lines = [f"### {title} (n = {count})", ""] if form == "md" else [f"{title} (n = {count})"]
    if form == "md":
        lines.append("| system | macro recall | accuracy | recall negative | recall neutral | recall positive |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for name, s in rows:
            r = s["recall"]
            lines.append(f"| {name} | {s['macro_recall']:.3f} | {s['accuracy']:.3f} | {r['negative']:.3f} | {r['neutral']:.3f} | {r['positive']:.3f} |")
    else:
        for name, s in rows:
            r = s["recall"]
            lines.append(f"  {s['macro_recall']:.3f} macro recall, {s['accuracy']:.3f} accuracy, recall neg/neu/pos "
                         f"{r['negative']:.3f}/{r['neutral']:.3f}/{r['positive']:.3f}  {name}")
    return "\n".join(lines) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    parser.add_argument("--temper", default=os.path.join(here, "..", ".build", "release", "temper"),
                        help="the temper binary whose shipped model is measured ('' to leave Temper out)")
    parser.add_argument("--no-tuning-slice", action="store_true", help="only the dev.tsv table")
    parser.add_argument("--format", choices=["md", "text"], default="md")
    args = parser.parse_args()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    train_path = os.path.join(args.data, "semeval-tweets", "train.tsv")
    dev_path = os.path.join(args.data, "semeval-tweets", "dev.tsv")
    for path in (train_path, dev_path):
        if not os.path.isfile(path):
            sys.exit(f"semeval-baselines.py: {path}: not found (pass --data DIR, the folder holding semeval-tweets/)")
    train_labels, train_texts = read_tsv(train_path)
    dev_labels, dev_texts = read_tsv(dev_path)
    temper = args.temper if args.temper and os.access(args.temper, os.X_OK) else None
    if args.temper and not temper:
        sys.exit(f"semeval-baselines.py: {args.temper}: no temper binary (build it, or pass --temper '')")

    rows = compare("dev", train_texts, train_labels, dev_texts, dev_labels, temper, dev_path, log)
    print(render("SemEval dev.tsv, trained on all of train.tsv", rows, len(dev_labels), args.format))

    if not args.no_tuning_slice:
        fractions = [split_fraction(t) for t in train_texts]
        fit = [i for i, f in enumerate(fractions) if f < 0.7]
        held = [i for i, f in enumerate(fractions) if f >= 0.7]
        rows = compare("tuning slice",
                       [train_texts[i] for i in fit], [train_labels[i] for i in fit],
                       [train_texts[i] for i in held], [train_labels[i] for i in held],
                       temper, "test:" + train_path, log)
        print(render("Tuning slice (the 'test' 30% of train.tsv), trained on the other 70%", rows, len(held), args.format))


if __name__ == "__main__":
    main()
