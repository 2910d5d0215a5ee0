#!/usr/bin/env python3
"""Converts corpora/anatomy.marked (lines with kind prefixes) to corpora/anatomy.jsonl.

Each record: {"id", "split", "text", "segments": [{"kind", "start", "end"}]} with UTF-8 byte
offsets into text. Segments follow MessageAnatomy's convention: back to back, covering the text;
a blank line belongs to the segment above it (leading blank lines to the first segment).

    scripts/anatomy_corpus.py [corpora/anatomy.marked] [corpora/anatomy.jsonl]
"""
import json
import re
import sys

KINDS = {"G": "greeting", "B": "body", "C": "closing", "S": "signature", "Q": "quoted", "X": "boilerplate", "M": "macro"}
SWITCH = re.compile(r"\{([GBCSQXM])\}")


def convert(records_lines, name):
    out = []
    for header, lines, first_line in records_lines:
        _, ident, split = header.split()
        if split not in ("tune", "held"):
            sys.exit(f"{name}:{first_line}: split must be tune or held, not {split!r}")
        pieces = []  # (kind or None for blank, bytes)
        for number, line in lines:
            if line == "|":
                pieces.append((None, b""))
                continue
            if len(line) < 2 or line[1] != "|" or line[0] not in KINDS:
                sys.exit(f"{name}:{number}: expected KIND|text with KIND one of {''.join(KINDS)}")
            kind = KINDS[line[0]]
            rest = line[2:]
            parts = SWITCH.split(rest)
            inline = [(kind, parts[0])]
            for index in range(1, len(parts), 2):
                inline.append((KINDS[parts[index]], parts[index + 1]))
            pieces.append(("line", [(k, t.encode("utf-8")) for k, t in inline]))
        text = b""
        segments = []
        pending_blank = None

        def add(kind, start, end):
            if start >= end:
                return
            if segments and segments[-1]["kind"] == kind:
                segments[-1]["end"] = end
            else:
                segments.append({"kind": kind, "start": start, "end": end})

        for index, (marker, content) in enumerate(pieces):
            line_start = len(text)
            newline = b"\n" if index < len(pieces) - 1 else b""
            if marker is None or all(not t.strip() for _, t in content):
                text += b"".join(t for _, t in content) if marker else b""
                text += newline
                if segments:
                    segments[-1]["end"] = len(text)
                elif pending_blank is None:
                    pending_blank = line_start
                continue
            for position, (kind, chunk) in enumerate(content):
                start = len(text)
                if position == 0 and pending_blank is not None:
                    start = pending_blank
                    pending_blank = None
                text += chunk
                if position == len(content) - 1:
                    text += newline
                add(kind, start, len(text))
        out.append({"id": ident, "split": split, "text": text.decode("utf-8"), "segments": segments})
    return out


def read(path):
    records, current = [], None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if line.startswith("### "):
                current = (line, [], number)
                records.append(current)
            elif line.startswith("#") and current is None:
                continue
            elif current is not None:
                current[1].append((number, line))
            elif line.strip():
                sys.exit(f"{path}:{number}: text before the first '### id split' header")
    return records


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "corpora/anatomy.marked"
    target = sys.argv[2] if len(sys.argv) > 2 else "corpora/anatomy.jsonl"
    records = convert(read(source), source)
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        sys.exit(f"{source}: duplicate ids")
    with open(target, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    splits = {s: sum(1 for r in records if r["split"] == s) for s in ("tune", "held")}
    print(f"{target}: {len(records)} messages ({splits['tune']} tune, {splits['held']} held out)")


if __name__ == "__main__":
    main()
