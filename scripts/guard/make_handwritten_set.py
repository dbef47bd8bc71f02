#!/usr/bin/env python3
"""Turns scripts/guard/pii_handwritten.txt ([[TYPE|value]] marks) into bench/guard/pii_handwritten.jsonl."""
import json
import re
import sys

MARK = re.compile(r"\[\[([A-Z_]+)\|(.+?)\]\]")


def main(src, dst):
    docs = []
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        text, entities, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            start = len(text)
            text += m.group(2)
            entities.append({"type": m.group(1), "start": start, "end": len(text)})
            pos = m.end()
        text += line[pos:]
        docs.append({"id": len(docs), "text": text, "entities": entities})
    with open(dst, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote %d documents, %d entities to %s" % (len(docs), sum(len(d["entities"]) for d in docs), dst))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
