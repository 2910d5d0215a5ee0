#!/usr/bin/env python3
"""Build lexicons/general.tsv from the public reference data, and validate lexicons/*.tsv.

Build (from the repository root):

    python3 scripts/build_lexicon.py --data ../shared/data --out lexicons/general.tsv

Validate every lexicon file (header, column count, numeric range, duplicates, term form):

    python3 scripts/build_lexicon.py --check [lexicons]

Python 3 standard library only; the output is deterministic (byte-identical on rebuild).

Method (see also lexicons/README.md)
------------------------------------
Inputs, and only these: the Hu & Liu opinion lexicon (polarity) and the SST-2 *train* split
(magnitude). SST-2 dev, the UCI sentences, complaints-dev and the reviews are evaluation sets
and are never read here.

1. SST-2 train holds ~67k labelled phrases (sentences and their sub-phrases). Each phrase is
   tokenized the way the engine does (NFKC, lowercase, split on punctuation/hyphens, SST's
   split "does n't" re-joined to "doesn't", letter runs of 3+ cut to 2). For every word w,
   each phrase containing it adds 1/len(phrase) to pos[w] or neg[w]: the word's share of the
   phrase, so short phrases (where w decides the label) count most and a word that merely
   rides along in long sentences counts little.
2. Smoothed log-odds against the corpus prior p0 (share of positive phrases):
       lo(w) = ln((pos+A*p0)/(neg+A*(1-p0))) - ln(p0/(1-p0)),   A = SMOOTH_A
   and the evidence E(w) = pos + neg.
3. Opinion-lexicon words (sign s = +1/-1 from the list): the signed agreement x = s*lo is
   shrunk toward a prior L0 with weight K:
       x' = (E*x + K*L0) / (E + K)
   L0 is the median agreement of well-evidenced lexicon words (E >= PRIOR_MIN_E), computed from
   the data; for a word with no usable evidence a morphological relative already scored
   (same list, suffix variants such as -ly/-s/-ed/-ing/-ness) supplies the prior instead.
   Conflict rule: the sign always comes from the opinion lexicon. A weak disagreement only
   lowers the magnitude toward the floor; if SST disagrees strongly enough that x' <= 0
   (film reviewers use the word the other way: "haunting", "wicked", "complicated"), the word
   is kept at the floor magnitude CONFLICT_MAG, as the movie domain is not ours.
   A word with no evidence and no scored relative gets x' = UNSEEN_FACTOR * L0: rare words
   are on average weaker and less certain than the frequent ones L0 is measured on.
4. Magnitude = clip(MAG_OFFSET + MAG_SLOPE * x', 0.5, 4.0), with a soft ceiling: above
   x' = MAG_KNEE the slope is MAG_SLOPE_HIGH, so film-review superlatives do not saturate.
   Rounded to one decimal.
5. Words not in the opinion lexicon are added from SST-2 when the evidence is strong:
   E >= EXTRA_MIN_E, raw phrase count >= EXTRA_MIN_N, |lo| >= EXTRA_MIN_LO, alphabetic,
   3+ letters, not a function word and not a film-domain/topic word (EXTRA_STOP). Their
   magnitude uses x' = E*|lo|/(E+K) (shrunk toward 0) and is capped at EXTRA_CAP.
6. Domain-ambiguous words in customer service (DOMAIN_DROP: "issue", "support", "refund",
   "like", "free", "premium", "patient", ...) are left out; lexicons/domain.tsv decides them.
"""

import argparse
import math
import os
import re
import sys
import unicodedata
from collections import Counter

# ---- parameters (documented in lexicons/README.md and in the output header) -------------
SMOOTH_A = 1.0          # pseudo-count of the log-odds smoothing
SHRINK_K = 2.0          # prior weight (in evidence units) for opinion-lexicon words
PRIOR_MIN_E = 5.0       # evidence needed for a word to take part in the L0 median
MAG_OFFSET = 0.5
MAG_SLOPE = 0.85
MAG_KNEE = 3.0         # above x = MAG_KNEE the slope drops to MAG_SLOPE_HIGH (soft ceiling)
MAG_SLOPE_HIGH = 0.4
UNSEEN_FACTOR = 0.8     # words with no evidence and no scored relative get UNSEEN_FACTOR*L0
MAG_MIN, MAG_MAX = 0.5, 4.0
CONFLICT_MAG = 0.5      # magnitude of lexicon words that SST-2 uses with the other sign
EXTRA_MIN_E = 6.0       # SST-only words: weighted evidence
EXTRA_MIN_N = 25        # SST-only words: raw phrases containing the word
EXTRA_MIN_LO = 1.6      # SST-only words: |log-odds|
EXTRA_CAP = 3.0         # SST-only words: magnitude cap

WORD_RE = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")
TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?")

# Left out of general.tsv: their sentiment in customer service depends on context, or they are
# product/plan/brand names, sign-offs or discourse markers there. domain.tsv scores those that
# need a score.
DOMAIN_DROP = set("""
issue issues problem problems support supports supported refund refunded refunds like likes
well right pretty super top enough free work chill dark fat hot cold hard frozen freeze lemon
cheap cheaper cheapest smart gold golden premier premium prime master plus unlimited limited
patient patience kindly sincerely sincere regard regards respect honor honored mercy grace
promise promised guarantee guaranteed secure security clear clearly sorry excuse miss vice
hang urgent urgently complaint complaints complain critical interesting funny fine joy
lead led faith savior saviour favor favour favored favorite favourite prefer preferable
preferred preferably fortune lucky luck wow ok okay yeah bright loud quiet sharp crisp trump
""".split())

# Single-word intensifiers/dampeners of lexicons/modifiers.tsv: the engine scales the next
# word by them, so they carry no valence of their own here (no double counting).
MODIFIER_DROP = set("""
absolutely amazingly awfully beyond bloody completely considerably deeply decidedly downright
effing enormously entirely especially exceptionally extremely extraordinarily fabulously
flipping freaking frickin fricking friggin frigging fucking fuckin fully genuinely greatly
highly hella hugely incredibly insanely intensely literally majorly massively more most much
particularly purely quite really remarkably ridiculously seriously so soo such super terribly
thoroughly too totally tremendously truly unbelievably unusually utterly very wildly almost
barely fairly kinda less marginally mildly moderately mostly occasionally partially partly
pretty rather relatively scarcely slightly somewhat sorta hardly
""".split())
DOMAIN_DROP |= MODIFIER_DROP

# Function words and SST topic words that are never added as SST-only extras.
EXTRA_STOP = set("""
the a an and or but if of to in on at by for with from as is are was were be been being it its
this that these those there here he she they them his her their our we you your i me my mine
what which who whom whose when where why how all any some no not nor only own same so than too
very can will just don't should now do does did doing have has had having would could might
must shall may also much many more most such both each few other into over under again
further then once about against between through during before after above below up down out
off until while because one two three ever even still yet
film films movie movies picture pictures director directors directed screenplay script story
stories plot character characters actor actors actress cast performance performances
cinema cinematic hollywood genre sequel scenes scene audience audiences viewer viewers
filmmaker filmmakers filmmaking documentary comedy comedies drama dramas thriller thrillers
premise narrative dialogue feature features minutes hour hours tv series episode video
already bottom brings budget chance collection commercial family form gone handed heart hearts
heavy holds holes ill imax instead left less low mean money naturally neither none nothing notch
oscar packed paper plain quickly quietly rare sitcom skip sleep soap spielberg spirit stock sub
teacher thought violence virtually wide zero hardly barely essentially dream discovery editing
ensemble portrait portrayal meditation plotting universal glimpse adventure friendship yarn
directorial crafted executed detailed typical power strength flat hope touched treat delivers
rewards moving genuinely immensely enormously overly obvious thin routine surprising quirky
subtle bold stirring provoking wry potent sensual farts unique intermittently considerable
captures pleasures pleaser affecting absorbing artistic assured offbeat whimsical resonant
universal wide form refreshingly charms charmer delights vividly unforced notch ridden
""".split())

SUFFIXES = ["ly", "ily", "s", "es", "ed", "d", "ing", "ness", "er", "est", "ment", "ful"]


def tokenize(text):
    """Approximates the engine's tokenizer on SST-2's pre-tokenized text."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    out = []
    for piece in text.split():
        if piece == "n't" and out:          # SST writes "does n't", "ca n't", "wo n't"
            out.append(out.pop() + "n't")
            continue
        for tok in TOKEN_RE.findall(piece):
            out.append(re.sub(r"(.)\1{2,}", r"\1\1", tok))
    return out


def read_opinion(path):
    words = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = unicodedata.normalize("NFKC", line.strip()).lower()
            if not w or w.startswith(";"):
                continue
            words.append(w)
    return words


def relatives(w):
    """Suffix variants of w (both directions), for the morphological prior."""
    cands = set()
    for suf in SUFFIXES:
        cands.add(w + suf)
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            cands.add(stem)
            cands.add(stem + "e")
            if suf == "ily":
                cands.add(stem + "y")
    if w.endswith("y"):
        cands.add(w[:-1] + "ily")
        cands.add(w[:-1] + "iness")
    if w.endswith("e"):
        cands.add(w[:-1] + "ing")
    cands.discard(w)
    return sorted(cands)


def magnitude(x):
    m = MAG_OFFSET + MAG_SLOPE * min(x, MAG_KNEE) + MAG_SLOPE_HIGH * max(0.0, x - MAG_KNEE)
    return round(min(MAG_MAX, max(MAG_MIN, m)), 1)


def build(data_dir, out_path, verbose=True):
    pos, neg, raw = Counter(), Counter(), Counter()
    n_pos = n_all = 0
    with open(os.path.join(data_dir, "sst2", "train.tsv"), encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if label not in ("0", "1"):
                continue                       # header or malformed
            toks = tokenize(text)
            if not toks:
                continue
            n_all += 1
            n_pos += label == "1"
            share = 1.0 / len(toks)
            target = pos if label == "1" else neg
            for t in set(toks):
                target[t] += share
                raw[t] += 1
    p0 = n_pos / n_all
    base = math.log(p0 / (1 - p0))

    def lo(w):
        return math.log((pos[w] + SMOOTH_A * p0) / (neg[w] + SMOOTH_A * (1 - p0))) - base

    def ev(w):
        return pos[w] + neg[w]

    op = os.path.join(data_dir, "opinion-lexicon")
    plist, nlist = read_opinion(os.path.join(op, "positive-words.txt")), read_opinion(os.path.join(op, "negative-words.txt"))
    both = set(plist) & set(nlist)
    sign = {}
    skipped_form = 0
    listed = set(plist) | set(nlist)
    for words, s in ((plist, 1), (nlist, -1)):
        for w in words:
            if w in both:
                continue
            short = re.sub(r"(.)\1{2,}", r"\1\1", w)   # the tokenizer keeps 2 of a letter run
            if short != w:
                if short in listed or short in sign:
                    continue                          # "goood" when "good" is listed
                w = short
            if not WORD_RE.match(w):
                skipped_form += 1            # hyphenated, digits, "f**k": never one token
                continue
            sign[w] = s

    agree = sorted(sign[w] * lo(w) for w in sign if ev(w) >= PRIOR_MIN_E)
    L0 = agree[len(agree) // 2]

    # pass 1: words with their own evidence; pass 2: relatives' value as the prior
    xs, dropped_conflict, dropped_domain = {}, [], []
    for w in sorted(sign):
        if w in DOMAIN_DROP:
            dropped_domain.append(w)
            continue
        e = ev(w)
        if e > 0:
            xs[w] = (e * sign[w] * lo(w) + SHRINK_K * L0) / (e + SHRINK_K)
    n_related = 0
    for w in sorted(sign):
        if w in DOMAIN_DROP or w in xs:
            continue
        rel = [xs[r] for r in relatives(w) if r in xs and sign.get(r) == sign[w] and xs[r] > 0]
        if rel:
            xs[w] = sum(rel) / len(rel)
            n_related += 1
        else:
            xs[w] = UNSEEN_FACTOR * L0
    entries = {}
    n_evidence = 0
    for w in sorted(xs):
        if ev(w) > 0:
            n_evidence += 1
        if xs[w] <= 0:
            dropped_conflict.append(w)
            entries[w] = sign[w] * CONFLICT_MAG
        else:
            entries[w] = sign[w] * magnitude(xs[w])

    extras = []
    for w in sorted(raw):
        if w in sign or w in both or w in DOMAIN_DROP or w in EXTRA_STOP:
            continue
        if not re.match(r"^[a-z]{3,}$", w) or w.endswith("n't"):
            continue
        e, l = ev(w), lo(w)
        if e >= EXTRA_MIN_E and raw[w] >= EXTRA_MIN_N and abs(l) >= EXTRA_MIN_LO:
            x = e * abs(l) / (e + SHRINK_K)
            entries[w] = math.copysign(min(EXTRA_CAP, magnitude(x)), l)
            extras.append(w)

    lines = [
        "# general.tsv: general-purpose English word valences, -4..+4.",
        "# GENERATED - do not edit by hand. Rebuild from the repository root with:",
        "#   python3 scripts/build_lexicon.py --data ../shared/data --out lexicons/general.tsv",
        "# Sign: Hu & Liu opinion lexicon (KDD 2004). Magnitude: SST-2 train (Socher et al. 2013),",
        "# per-word smoothed log-odds of the positive rate over the phrases containing the word,",
        "# each phrase weighted 1/length, shrunk toward the median lexicon agreement",
        f"# (L0={L0:.3f}, K={SHRINK_K}, A={SMOOTH_A}; unseen words {UNSEEN_FACTOR}*L0), mapped as",
        f"# clip({MAG_OFFSET}+{MAG_SLOPE}*x, {MAG_MIN}, {MAG_MAX}) with slope {MAG_SLOPE_HIGH} above x={MAG_KNEE}.",
        f"# Lexicon words whose SST evidence outweighs their listed polarity keep it at {CONFLICT_MAG}; words",
        f"# not in the lexicon are added when evidence>={EXTRA_MIN_E}, phrases>={EXTRA_MIN_N},",
        f"# |log-odds|>={EXTRA_MIN_LO} (capped at {EXTRA_CAP}). Customer-service-ambiguous words are",
        "# left to domain.tsv, which is loaded later and overrides this file.",
        "term\tvalence",
    ]
    for w in sorted(entries):
        lines.append(f"{w}\t{entries[w]:.1f}")
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    if verbose:
        vals = list(entries.values())
        npos = sum(v > 0 for v in vals)
        print(f"SST-2 train phrases: {n_all} (positive prior {p0:.3f}); L0 = {L0:.3f} from {len(agree)} words")
        print(f"opinion lexicon: {len(plist)} positive, {len(nlist)} negative, {len(both)} in both lists (skipped), "
              f"{skipped_form} not single tokens (skipped)")
        print(f"dropped as domain-ambiguous: {len(dropped_domain)}; SST conflicts (kept at floor): {len(dropped_conflict)}")
        print(f"  conflicts: {' '.join(dropped_conflict)}")
        print(f"lexicon words with SST evidence: {n_evidence}; prior from a relative: {n_related}; "
              f"default prior only: {len(xs) - n_evidence - n_related}")
        print(f"SST-only extras: {len(extras)}: {' '.join(extras)}")
        hist = Counter(math.floor(abs(v)) for v in vals)
        print(f"wrote {out_path}: {len(vals)} terms ({npos} positive, {len(vals) - npos} negative); "
              f"|valence| histogram: " + ", ".join(f"[{k},{k + 1}):{hist[k]}" for k in sorted(hist)))


# ---- validation -------------------------------------------------------------------------
HEADERS = {
    "modifiers.tsv": ["term", "kind", "weight"],
}
PHRASE_RE = re.compile(r"^[^\W_]+(?:'[^\W_]+)?(?: [^\W_]+(?:'[^\W_]+)?)*$")
MOD_KINDS = {"intensifier", "dampener", "negator", "contrast"}


def check_file(path):
    errors = []
    name = os.path.basename(path)
    want = HEADERS.get(name, ["term", "valence"])
    seen = {}
    header = None
    with open(path, encoding="utf-8") as f:
        raw_text = f.read()
    if raw_text.startswith("\ufeff"):
        errors.append(f"{path}:1: byte-order mark")
    for no, line in enumerate(raw_text.split("\n"), 1):
        if line.endswith("\r"):
            errors.append(f"{path}:{no}: CRLF line ending")
            line = line[:-1]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            if cols != want:
                errors.append(f"{path}:{no}: header {cols!r}, expected {want!r}")
            continue
        if len(cols) != len(want):
            errors.append(f"{path}:{no}: {len(cols)} columns, expected {len(want)}: {line!r}")
            continue
        term = cols[0]
        if term != term.strip() or "  " in term or not term:
            errors.append(f"{path}:{no}: bad spacing in term {term!r}")
        if name != "emoticons.tsv":
            if term != unicodedata.normalize("NFKC", term).lower() and name != "emoji.tsv":
                errors.append(f"{path}:{no}: term not lowercase NFKC: {term!r}")
            if "\u2019" in term or "\u2018" in term:
                errors.append(f"{path}:{no}: curly apostrophe in {term!r}")
        if name not in ("emoticons.tsv", "emoji.tsv") and not PHRASE_RE.match(term):
            errors.append(f"{path}:{no}: {term!r} is not a sequence of word tokens "
                          "(the tokenizer splits hyphens and punctuation)")
        elif name not in ("emoticons.tsv", "emoji.tsv") and re.search(r"([^\W\d_])\1\1", term):
            errors.append(f"{path}:{no}: {term!r} has a letter run of 3+; the tokenizer keeps 2")
        if name == "modifiers.tsv":
            kind, weight = cols[1], cols[2]
            if kind not in MOD_KINDS:
                errors.append(f"{path}:{no}: unknown kind {kind!r}")
            try:
                wv = float(weight)
                if not -1.0 <= wv <= 1.0:
                    errors.append(f"{path}:{no}: weight {wv} outside -1..1")
                if kind == "intensifier" and wv <= 0 or kind == "dampener" and wv >= 0:
                    errors.append(f"{path}:{no}: {kind} with weight {wv}")
            except ValueError:
                errors.append(f"{path}:{no}: weight not a number: {weight!r}")
        else:
            try:
                v = float(cols[1])
                if not -4.0 <= v <= 4.0 or math.isnan(v):
                    errors.append(f"{path}:{no}: valence {v} outside -4..4")
            except ValueError:
                errors.append(f"{path}:{no}: valence not a number: {cols[1]!r}")
        if term in seen:
            errors.append(f"{path}:{no}: duplicate term {term!r} (first at line {seen[term]})")
        else:
            seen[term] = no
    if header is None:
        errors.append(f"{path}: no header line")
    return errors, seen


def check(directory):
    files = sorted(p for p in os.listdir(directory) if p.endswith(".tsv"))
    errors, terms = [], {}
    for name in files:
        errs, seen = check_file(os.path.join(directory, name))
        errors += errs
        terms[name] = seen
        print(f"{name}: {len(seen)} terms, {len(errs)} problem(s)")
    # cross-file notes: same term in two valence files (domain.tsv overriding general.tsv is
    # the intended layering; anything else is reported for review, not as an error)
    valence_files = [n for n in files if n != "modifiers.tsv"]
    for i, a in enumerate(valence_files):
        for b in valence_files[i + 1:]:
            common = set(terms[a]) & set(terms[b])
            if common and not (a == "domain.tsv" and b == "general.tsv") and not (a == "general.tsv" and b == "domain.tsv"):
                print(f"note: {len(common)} term(s) in both {a} and {b}: {' '.join(sorted(common)[:20])}")
    for name in valence_files:
        common = set(terms["modifiers.tsv"]) & set(terms[name]) if "modifiers.tsv" in terms else set()
        if common:
            print(f"note: {len(common)} modifier term(s) also in {name}: {' '.join(sorted(common))}")
    for e in errors:
        print(e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data", help="shared data folder")
    ap.add_argument("--out", default="lexicons/general.tsv")
    ap.add_argument("--check", nargs="?", const="lexicons", metavar="DIR",
                    help="validate DIR/*.tsv instead of building")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.check:
        sys.exit(check(args.check))
    if not os.path.isdir(os.path.join(args.data, "sst2")):
        sys.exit(f"data folder not found: {args.data} (expected sst2/ and opinion-lexicon/ in it)")
    build(args.data, args.out, verbose=not args.quiet)


if __name__ == "__main__":
    main()
