#!/usr/bin/env python3
"""Writes a fuzz target's seed inputs, cut from corpora/ and the shared data sets.

    python3 fuzz/seeds.py TARGET OUT_DIR

Seeds are small (a few records each: libFuzzer mutates short inputs fastest) and made afresh at
every run, so nothing is committed but the regression inputs in fuzz/regressions/.
"""
import csv
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
MAX_SEEDS = 200


def lines(path, limit=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            result = f.read().splitlines()
    except OSError:
        return []  # the shared data sets are optional
    return result[:limit] if limit else result


def chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def seeds_for(target):
    corpora = lambda name: os.path.join(ROOT, "corpora", name)
    transcripts = lines(corpora("transcripts.jsonl"))
    tweets = lines(corpora("tweets.jsonl"))
    if target == "json":
        yield from (line for line in transcripts[:60] + tweets[:30])
        for path in [os.path.join(ROOT, "Sources", "TemperKPI", "scorecard.schema.json"),
                     os.path.join(ROOT, "lexicons", "sentiment.calibration.json"),
                     os.path.join(SHARED, "chats", "abcd_sample.json")]:
            text = "\n".join(lines(path))
            if text:
                yield text[:4000]
    elif target in ("facts", "scorecard"):
        # Conversation lines read as facts: the keys they share parse, the rest is skipped.
        yield from ("\n".join(chunk) for chunk in chunks(transcripts[:120], 2))
    elif target == "conversations":
        yield from ("\n".join(chunk) for chunk in chunks(transcripts[:150], 1))
        yield from ("\n".join(chunk) for chunk in chunks(transcripts[150:250], 3))
    elif target == "rows-csv":
        with open(corpora("message-rows.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        for chunk in chunks(body, 4):
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows([header] + chunk)
            yield out.getvalue()
    elif target == "rows-jsonl":
        with open(corpora("message-rows.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for chunk in chunks(rows, 4):
            yield "\n".join(json.dumps({k: v for k, v in row.items() if v}) for row in chunk)
    elif target == "tweets":
        yield from ("\n".join(chunk) for chunk in chunks(tweets, 4))
    elif target == "tokenizer":
        yield from lines(corpora("hard-cases.txt"))
        yield from lines(corpora("messages.txt"), 60)
        for name in ["amazon.tsv", "yelp.tsv"]:
            yield from (line.split("\t", 1)[-1] for line in lines(os.path.join(SHARED, "uci-sentences", name), 30))
        yield from (line.split("\t")[-1] for line in lines(os.path.join(SHARED, "semeval-tweets", "dev.tsv"), 40))
    elif target == "anatomy":
        for line in lines(corpora("anatomy.jsonl")):
            yield json.loads(line)["text"]
        yield from lines(corpora("hard-cases.txt"), 40)
    elif target == "lexicon":
        lexicons = os.path.join(ROOT, "lexicons")
        for name in sorted(os.listdir(lexicons)):
            if name.endswith(".tsv"):
                yield "\n".join(lines(os.path.join(lexicons, name), 40))
        for name in ["positive-words.txt", "negative-words.txt"]:
            yield "\n".join(lines(os.path.join(SHARED, "opinion-lexicon", name), 60))
    elif target == "targets":
        text = lines(corpora("targets.yaml"))
        yield "\n".join(text)
        body = [line for line in text if not line.lstrip().startswith("#")]
        yield from ("\n".join(body[:2] + chunk) for chunk in chunks(body[2:], 6))
        yield json.dumps({"version": 1, "targets": [
            {"kpi": "csat", "target": 85, "period": "month", "owner": "Dana", "warning": 5},
            {"kpi": "first_response_time", "target": "1h", "statistic": "median", "team": "billing"}]})
    else:
        raise SystemExit(f"seeds.py: no seeds for target '{target}'")


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for index, seed in enumerate(seeds_for(target)):
        if index >= MAX_SEEDS:
            break
        with open(os.path.join(out, f"seed-{index:03d}"), "w", encoding="utf-8") as f:
            f.write(seed + "\n")


if __name__ == "__main__":
    main()
